// Zoom (buttons, keys, Ctrl+wheel) and pan (drag the canvas background, or scroll) for the
// canvas viewport. Zoom uses CSS `zoom`, so scrolling and hit-testing stay exact.
import { type PointerEvent, type RefObject, useCallback, useEffect, useRef, useState } from "react";

export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 2;
const STEP = 1.2;

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(zoom * 100) / 100));
}

const INTERACTIVE =
  "button, input, textarea, select, a, [draggable='true'], .step-card, .stage-header, .lane-item, .note-card, .emotion-point";

export function useZoomPan(viewport: RefObject<HTMLDivElement | null>, content: RefObject<HTMLDivElement | null>) {
  const [zoom, setZoom] = useState(1);
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);

  const zoomBy = useCallback((factor: number) => setZoom((current) => clampZoom(current * factor)), []);
  const zoomIn = useCallback(() => zoomBy(STEP), [zoomBy]);
  const zoomOut = useCallback(() => zoomBy(1 / STEP), [zoomBy]);
  const reset = useCallback(() => setZoom(1), []);
  const fit = useCallback(() => {
    const outer = viewport.current;
    const inner = content.current?.firstElementChild as HTMLElement | null;
    if (!outer || !inner) return;
    setZoom(clampZoom(Math.min(1, (outer.clientWidth - 16) / inner.scrollWidth)));
  }, [viewport, content]);

  useEffect(() => {
    const outer = viewport.current;
    if (!outer) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      zoomBy(event.deltaY < 0 ? 1.1 : 1 / 1.1);
    };
    outer.addEventListener("wheel", onWheel, { passive: false });
    return () => outer.removeEventListener("wheel", onWheel);
  }, [viewport, zoomBy]);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const background = event.button === 1 || (event.button === 0 && !target.closest(INTERACTIVE));
    const outer = viewport.current;
    if (!background || !outer) return;
    drag.current = { x: event.clientX, y: event.clientY, left: outer.scrollLeft, top: outer.scrollTop };
    outer.setPointerCapture(event.pointerId);
    outer.classList.add("panning");
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    const outer = viewport.current;
    if (!start || !outer) return;
    outer.scrollLeft = start.left - (event.clientX - start.x);
    outer.scrollTop = start.top - (event.clientY - start.y);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current = null;
    viewport.current?.releasePointerCapture(event.pointerId);
    viewport.current?.classList.remove("panning");
  };
  return { zoom, zoomIn, zoomOut, reset, fit, panHandlers: { onPointerDown, onPointerMove, onPointerUp } };
}
