import { describe, expect, it } from "vitest";
import type { StoredAction } from "../priorities/priorityTypes";
import { EMPTY_BOARD, boardReducer, columnsOf, isOverdue, neighbour } from "./boardState";

function action(id: string, changes: Partial<StoredAction> = {}): StoredAction {
  return {
    id,
    key: `manual:${id}`,
    kind: "product_change",
    title: `Action ${id}`,
    description: "",
    journey: "checkout",
    owner: "",
    status: "suggested",
    source: "manual",
    workspace_id: "w",
    journey_id: "j",
    version: 1,
    ...changes,
  };
}

describe("the action board state", () => {
  const loaded = boardReducer(EMPTY_BOARD, { type: "loaded", actions: [action("a"), action("b", { status: "accepted" })] });

  it("shows a move at once and remembers where the card came from", () => {
    const moved = boardReducer(loaded, { type: "moved", id: "a", to: "in_progress" });
    expect(moved.actions.find((item) => item.id === "a")!.status).toBe("in_progress");
    expect(moved.pending).toEqual({ a: "suggested" });
  });

  it("takes the server's answer (a new version) and forgets the pending move", () => {
    const moved = boardReducer(loaded, { type: "moved", id: "a", to: "in_progress" });
    const saved = boardReducer(moved, { type: "saved", action: action("a", { status: "in_progress", version: 2 }) });
    expect(saved.pending).toEqual({});
    expect(saved.actions.find((item) => item.id === "a")).toMatchObject({ status: "in_progress", version: 2 });
  });

  it("puts a refused move back where it was, even after two moves", () => {
    const twice = boardReducer(boardReducer(loaded, { type: "moved", id: "a", to: "accepted" }), {
      type: "moved",
      id: "a",
      to: "done",
    });
    expect(twice.pending).toEqual({ a: "suggested" });
    const refused = boardReducer(twice, { type: "failed", id: "a" });
    expect(refused.actions.find((item) => item.id === "a")!.status).toBe("suggested");
    expect(refused.pending).toEqual({});
  });

  it("ignores a move to the column the card is in, and a failure of nothing pending", () => {
    expect(boardReducer(loaded, { type: "moved", id: "b", to: "accepted" })).toBe(loaded);
    expect(boardReducer(loaded, { type: "failed", id: "b" })).toBe(loaded);
  });

  it("adds suggestions once, however often they arrive", () => {
    const added = boardReducer(loaded, { type: "added", actions: [action("a"), action("c")] });
    expect(added.actions.map((item) => item.id)).toEqual(["a", "b", "c"]);
  });

  it("drops a removed card and its pending move", () => {
    const moved = boardReducer(loaded, { type: "moved", id: "a", to: "done" });
    const removed = boardReducer(moved, { type: "removed", id: "a" });
    expect(removed.actions.map((item) => item.id)).toEqual(["b"]);
    expect(removed.pending).toEqual({});
  });
});

describe("columns", () => {
  it("sorts each column by due date (none last), then by age", () => {
    const columns = columnsOf([
      action("late", { due: null, created_at: "2026-01-01T00:00:00Z" }),
      action("soon", { due: "2026-02-01" }),
      action("sooner", { due: "2026-01-15" }),
      action("older", { due: null, created_at: "2025-12-01T00:00:00Z" }),
      action("done", { status: "done" }),
    ]);
    expect(columns.suggested.map((item) => item.id)).toEqual(["sooner", "soon", "older", "late"]);
    expect(columns.done.map((item) => item.id)).toEqual(["done"]);
    expect(columns.dismissed).toEqual([]);
  });

  it("knows the column left and right of each, and the edges", () => {
    expect(neighbour("suggested", 1)).toBe("accepted");
    expect(neighbour("accepted", -1)).toBe("suggested");
    expect(neighbour("suggested", -1)).toBeNull();
    expect(neighbour("dismissed", 1)).toBeNull();
  });

  it("calls open work past its due date overdue, finished work never", () => {
    expect(isOverdue(action("x", { status: "in_progress", due: "2026-01-01" }), "2026-01-02")).toBe(true);
    expect(isOverdue(action("x", { status: "in_progress", due: "2026-01-02" }), "2026-01-02")).toBe(false);
    expect(isOverdue(action("x", { status: "done", due: "2026-01-01" }), "2026-01-02")).toBe(false);
    expect(isOverdue(action("x", { status: "accepted" }), "2026-01-02")).toBe(false);
  });
});
