// The action board's state, kept pure so it can be tested without a browser: the columns
// (one per status), a move shown at once and undone if the server refuses it, the order
// of cards within a column, and which column is left or right of another (keyboard moves).
import type { ActionKind, ActionStatus, StoredAction } from "../priorities/priorityTypes";

export interface Column {
  status: ActionStatus;
  name: string;
  hint: string;
}

export const COLUMNS: readonly Column[] = [
  { status: "suggested", name: "Suggested", hint: "Generated from the data: accept or dismiss" },
  { status: "accepted", name: "Accepted", hint: "Agreed work, not started" },
  { status: "in_progress", name: "In progress", hint: "Someone is on it" },
  { status: "done", name: "Done", hint: "Finished: measure whether it worked" },
  { status: "dismissed", name: "Dismissed", hint: "Not worth doing; never suggested again" },
];

export const STATUS_NAMES: Record<ActionStatus, string> = Object.fromEntries(
  COLUMNS.map((column) => [column.status, column.name]),
) as Record<ActionStatus, string>;

export const KIND_NAMES: Record<ActionKind, string> = {
  define_customers: "Define customers",
  align_journey: "Align the journey",
  product_change: "Product or service change",
  define_metric: "Define a key metric",
  measure_progress: "Measure progress",
};

export interface BoardState {
  actions: StoredAction[];
  /** Actions moved but not yet confirmed: id -> the status to go back to if refused. */
  pending: Record<string, ActionStatus>;
}

export type BoardEvent =
  | { type: "loaded"; actions: StoredAction[] }
  | { type: "added"; actions: StoredAction[] }
  | { type: "moved"; id: string; to: ActionStatus }
  | { type: "saved"; action: StoredAction }
  | { type: "failed"; id: string }
  | { type: "removed"; id: string };

export const EMPTY_BOARD: BoardState = { actions: [], pending: {} };

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _gone, ...rest } = record;
  return rest;
}

export function boardReducer(state: BoardState, event: BoardEvent): BoardState {
  switch (event.type) {
    case "loaded":
      return { actions: event.actions, pending: {} };
    case "added": {
      const known = new Set(state.actions.map((action) => action.id));
      return { ...state, actions: [...state.actions, ...event.actions.filter((action) => !known.has(action.id))] };
    }
    case "moved": {
      const action = state.actions.find((item) => item.id === event.id);
      if (!action || action.status === event.to) return state;
      const before = state.pending[event.id] ?? action.status;
      return {
        actions: state.actions.map((item) => (item.id === event.id ? { ...item, status: event.to } : item)),
        pending: { ...state.pending, [event.id]: before },
      };
    }
    case "saved":
      return {
        actions: state.actions.map((item) => (item.id === event.action.id ? event.action : item)),
        pending: without(state.pending, event.action.id),
      };
    case "failed": {
      const before = state.pending[event.id];
      if (before === undefined) return state;
      return {
        actions: state.actions.map((item) => (item.id === event.id ? { ...item, status: before } : item)),
        pending: without(state.pending, event.id),
      };
    }
    case "removed":
      return { actions: state.actions.filter((item) => item.id !== event.id), pending: without(state.pending, event.id) };
  }
}

/** Cards within a column: the soonest due first (no date last), then the oldest first. */
export function compareCards(a: StoredAction, b: StoredAction): number {
  const dueA = a.due ?? "9999-12-31";
  const dueB = b.due ?? "9999-12-31";
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  const madeA = a.created_at ?? "";
  const madeB = b.created_at ?? "";
  if (madeA !== madeB) return madeA < madeB ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function columnsOf(actions: readonly StoredAction[]): Record<ActionStatus, StoredAction[]> {
  const columns = Object.fromEntries(COLUMNS.map((column) => [column.status, [] as StoredAction[]])) as Record<
    ActionStatus,
    StoredAction[]
  >;
  for (const action of actions) columns[action.status].push(action);
  for (const column of COLUMNS) columns[column.status].sort(compareCards);
  return columns;
}

/** The column left (-1) or right (+1) of `status`, or null at the edge. */
export function neighbour(status: ActionStatus, direction: -1 | 1): ActionStatus | null {
  const index = COLUMNS.findIndex((column) => column.status === status);
  return COLUMNS[index + direction]?.status ?? null;
}

/** True when the action is open work whose due date has passed (`today`: YYYY-MM-DD). */
export function isOverdue(action: StoredAction, today: string): boolean {
  const open = action.status === "accepted" || action.status === "in_progress";
  return open && Boolean(action.due) && action.due! < today;
}

export function today(now: Date = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
