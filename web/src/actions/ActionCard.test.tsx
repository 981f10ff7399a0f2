import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ActionStatus, StoredAction } from "../priorities/priorityTypes";
import { ActionCard } from "./ActionCard";

const action: StoredAction = {
  id: "a1",
  key: "define_metric:pay",
  kind: "define_metric",
  title: "Define a key metric for paying",
  description: "",
  journey: "checkout",
  step: "pay",
  owner: "",
  due: "2026-01-01",
  status: "accepted",
  fixes: "slow-pay",
  source: "generated",
  workspace_id: "w",
  journey_id: "j",
  version: 3,
};

function card(canEdit: boolean, pending = false) {
  const moves: ActionStatus[] = [];
  render(
    <ActionCard
      action={action}
      lookup={null}
      showJourney
      canEdit={canEdit}
      pending={pending}
      today="2026-02-01"
      onMove={(_, to) => moves.push(to)}
      onEdit={() => {}}
    />,
  );
  return moves;
}

describe("an action card", () => {
  it("moves to the neighbouring column with Alt+arrow keys", () => {
    const moves = card(true);
    const article = screen.getByTestId("action-card");
    fireEvent.keyDown(article, { key: "ArrowRight", altKey: true });
    fireEvent.keyDown(article, { key: "ArrowLeft", altKey: true });
    fireEvent.keyDown(article, { key: "ArrowRight" });
    expect(moves).toEqual(["in_progress", "suggested"]);
  });

  it("offers every other column in its Move menu", () => {
    const moves = card(true);
    fireEvent.click(screen.getByRole("button", { name: "Move Define a key metric for paying" }));
    const items = screen.getAllByRole("menuitem").map((item) => item.textContent);
    expect(items).toEqual(["Suggested", "In progress", "Done", "Dismissed"]);
    fireEvent.click(screen.getByRole("menuitem", { name: "Done" }));
    expect(moves).toEqual(["done"]);
  });

  it("says an overdue date in words and names the insight it fixes", () => {
    card(true);
    expect(screen.getByTestId("action-card")).toHaveTextContent("overdue");
    expect(screen.getByTestId("action-card")).toHaveTextContent("Fixesslow-pay");
  });

  it("gives a viewer no way to move it", () => {
    const moves = card(false);
    const article = screen.getByTestId("action-card");
    expect(article).not.toHaveAttribute("draggable", "true");
    fireEvent.keyDown(article, { key: "ArrowRight", altKey: true });
    expect(screen.queryByRole("button", { name: /^Move/ })).toBeNull();
    expect(moves).toEqual([]);
  });

  it("cannot be moved again while its last move is being saved", () => {
    const moves = card(true, true);
    fireEvent.keyDown(screen.getByTestId("action-card"), { key: "ArrowRight", altKey: true });
    expect(moves).toEqual([]);
    expect(screen.getByRole("status")).toHaveTextContent("Saving");
  });
});
