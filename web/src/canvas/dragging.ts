// What is being dragged on the canvas. Browsers hide drag data until the drop, but a drop
// target must decide on dragover whether it accepts, so the page remembers it here.
import type { DragEvent } from "react";

export type Dragged =
  | { kind: "stage"; id: string }
  | { kind: "step"; id: string }
  | { kind: "laneItem"; list: string; index: number };

let current: Dragged | null = null;

export function startDrag(event: DragEvent, dragged: Dragged, label: string): void {
  current = dragged;
  event.dataTransfer.effectAllowed = "move";
  event.dataTransfer.setData("text/plain", label);
  event.stopPropagation();
}

export function dragged(): Dragged | null {
  return current;
}

export function endDrag(): void {
  current = null;
}

/** Let `event` drop here when `accepts` what is being dragged. */
export function allowDrop(event: DragEvent, accepts: (item: Dragged) => boolean): boolean {
  const item = current;
  if (!item || !accepts(item)) return false;
  event.preventDefault();
  event.dataTransfer.dropEffect = "move";
  return true;
}

/** Dropped on the right half of `element`: the item goes after it. */
export function dropsAfter(event: DragEvent, element: HTMLElement): boolean {
  const box = element.getBoundingClientRect();
  return event.clientX > box.left + box.width / 2;
}
