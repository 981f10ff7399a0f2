// The canvas's keyboard shortcuts, in one table: the help dialog lists exactly these.
export interface Shortcut {
  keys: string;
  does: string;
  editorsOnly?: boolean;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: "Ctrl+Z", does: "Undo", editorsOnly: true },
  { keys: "Ctrl+Shift+Z or Ctrl+Y", does: "Redo", editorsOnly: true },
  { keys: "S", does: "Add a stage", editorsOnly: true },
  { keys: "Enter or F2 on a name", does: "Rename in place (Enter saves, Esc cancels)", editorsOnly: true },
  { keys: "Alt+← / Alt+→", does: "Move the focused stage or step", editorsOnly: true },
  { keys: "Alt+↑ / Alt+↓", does: "Move the focused lane item", editorsOnly: true },
  { keys: "Delete", does: "Delete the focused stage, step, card or item (undo brings it back)", editorsOnly: true },
  { keys: "+ / −", does: "Zoom in / out" },
  { keys: "0", does: "Zoom to 100 %" },
  { keys: "F", does: "Fit the journey to the window" },
  { keys: "Esc", does: "Close the side panel" },
  { keys: "?", does: "Show these shortcuts" },
];

export type ShortcutAction = "undo" | "redo" | "addStage" | "zoomIn" | "zoomOut" | "zoomReset" | "fit" | "close" | "help";

function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || !element.tagName) return false;
  return /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName) || element.isContentEditable;
}

/** The action a key press on the page asks for, if any (never while typing in a field). */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
  if (typing(event.target)) return null;
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && key === "z") return event.shiftKey ? "redo" : "undo";
  if (mod && key === "y") return "redo";
  if (mod || event.altKey) return null;
  switch (event.key) {
    case "+":
    case "=":
      return "zoomIn";
    case "-":
    case "_":
      return "zoomOut";
    case "0":
      return "zoomReset";
    case "f":
    case "F":
      return "fit";
    case "s":
    case "S":
      return "addStage";
    case "Escape":
      return "close";
    case "?":
      return "help";
    default:
      return null;
  }
}
