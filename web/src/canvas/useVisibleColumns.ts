// Which step columns are on screen (plus a margin either side): the canvas renders only
// those, so a journey of 500 steps costs about as much as one of 30. Columns have a fixed
// width, so the range follows from the scroll position and the zoom alone. The range
// moves in chunks, so scrolling re-renders now and then rather than on every pixel.
import { type RefObject, useEffect, useState } from "react";
import { COLUMN_WIDTH, LABEL_WIDTH } from "./gridPlan";

export interface ColumnRange {
  from: number;
  to: number;
}

const CHUNK = 8;
const MARGIN = 8;

/** The columns to render for a viewport `width` px wide scrolled to `left` at `zoom`. */
export function visibleColumns(left: number, width: number, zoom: number, count: number): ColumnRange {
  const column = COLUMN_WIDTH * zoom;
  const first = Math.floor((left - LABEL_WIDTH * zoom) / column);
  const last = Math.ceil((left + width) / column);
  const from = Math.max(0, Math.floor((first - MARGIN) / CHUNK) * CHUNK);
  const to = Math.min(count, Math.ceil((last + MARGIN) / CHUNK) * CHUNK);
  return { from, to: Math.max(from, to) };
}

export function useVisibleColumns(viewport: RefObject<HTMLDivElement | null>, zoom: number, count: number): ColumnRange {
  const [range, setRange] = useState<ColumnRange>(() => visibleColumns(0, 1600, zoom, count));
  useEffect(() => {
    const outer = viewport.current;
    if (!outer) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const next = visibleColumns(outer.scrollLeft, outer.clientWidth || 1600, zoom, count);
      setRange((current) => (current.from === next.from && current.to === next.to ? current : next));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    outer.addEventListener("scroll", schedule, { passive: true });
    const resize = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(schedule);
    resize?.observe(outer);
    return () => {
      cancelAnimationFrame(frame);
      outer.removeEventListener("scroll", schedule);
      resize?.disconnect();
    };
  }, [viewport, zoom, count]);
  return range;
}
