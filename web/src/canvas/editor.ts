// What the canvas's parts need to change the journey. Viewers get no editor at all, so a
// part without one draws no edit controls.
import type { JourneyOp } from "../journey/journeyOps";

export interface Editor {
  change: (op: JourneyOp) => void;
  /** A free id for a new part named `name`. */
  newId: (name: string, fallback: string) => string;
}

/** A key press that moves a part: Alt with an arrow. */
export function moveKey(event: { altKey: boolean; key: string }, axis: "x" | "y"): -1 | 1 | 0 {
  if (!event.altKey) return 0;
  if (axis === "x") return event.key === "ArrowLeft" ? -1 : event.key === "ArrowRight" ? 1 : 0;
  return event.key === "ArrowUp" ? -1 : event.key === "ArrowDown" ? 1 : 0;
}

export function isDeleteKey(event: { key: string; target: EventTarget | null }): boolean {
  const target = event.target as HTMLElement | null;
  if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return false;
  return event.key === "Delete" || event.key === "Backspace";
}
