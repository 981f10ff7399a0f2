import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Journey } from "../api/types";
import type { JourneyOp } from "../journey/journeyOps";
import type { Editor } from "./editor";
import { JourneyCanvas } from "./JourneyCanvas";

const journey = {
  id: "j",
  title: "Checkout",
  stages: [
    { id: "browse", name: "Browse", steps: [{ id: "search", name: "Searches", lanes: { actions: [{ text: "types" }] } }] },
    { id: "buy", name: "Buy", steps: [{ id: "pay", name: "Pays", emotion: -1 }] },
  ],
  insights: [{ id: "slow", title: "Slow payment", step: "pay", kind: "pain", severity: 4 }],
} as unknown as Journey;

function canvas(edit: Editor | null) {
  return render(<JourneyCanvas journey={journey} edit={edit} selectedStepId={null} onSelectStep={() => {}} addStage={null} />);
}

function editor() {
  const made: JourneyOp[] = [];
  const edit: Editor = { change: (op) => made.push(op), newId: (name) => name.toLowerCase().replace(/\W+/g, "-") };
  return { edit, made };
}

describe("the journey canvas", () => {
  it("shows a viewer the map without a single edit control", () => {
    canvas(null);
    expect(screen.getAllByTestId("step-card")).toHaveLength(2);
    expect(screen.getByText("Slow payment")).toBeInTheDocument();
    expect(screen.queryAllByRole("button", { name: /^(Add|Delete|Move)/ })).toEqual([]);
    expect(document.querySelectorAll('[draggable="true"]')).toHaveLength(0);
    expect(screen.queryByRole("button", { name: /^Step name/ })).toBeNull();
  });

  it("gives an editor inline adds that become changes", () => {
    const { edit, made } = editor();
    canvas(edit);
    fireEvent.click(screen.getByRole("button", { name: "Add step to Buy" }));
    const field = screen.getByLabelText("New step in Buy");
    fireEvent.change(field, { target: { value: "Gets a receipt" } });
    fireEvent.keyDown(field, { key: "Enter" });
    expect(made).toEqual([
      { type: "addStep", stageId: "buy", step: { id: "gets-a-receipt", name: "Gets a receipt" }, position: 100_000 },
    ]);
  });

  it("moves a focused step with Alt and an arrow, across stages, and deletes it with Delete", () => {
    const { edit, made } = editor();
    canvas(edit);
    const name = screen.getByRole("button", { name: "Step name: Searches" });
    fireEvent.keyDown(name, { key: "ArrowRight", altKey: true });
    fireEvent.keyDown(name, { key: "Delete" });
    expect(made).toEqual([
      { type: "moveStep", id: "search", stageId: "buy", to: 0 },
      { type: "removeStep", id: "search" },
    ]);
  });

  it("renames in place: Enter edits, Enter saves, Escape cancels", () => {
    const { edit, made } = editor();
    canvas(edit);
    fireEvent.keyDown(screen.getByRole("button", { name: "Step name: Pays" }), { key: "Enter" });
    const field = screen.getByRole("textbox", { name: "Step name" });
    fireEvent.change(field, { target: { value: "Pays by card" } });
    fireEvent.keyDown(field, { key: "Enter" });
    fireEvent.keyDown(screen.getByRole("button", { name: "Stage name: Buy" }), { key: "Enter" });
    const stage = screen.getByRole("textbox", { name: "Stage name" });
    fireEvent.change(stage, { target: { value: "Never saved" } });
    fireEvent.keyDown(stage, { key: "Escape" });
    expect(made).toEqual([{ type: "updateStep", id: "pay", changes: { name: "Pays by card" } }]);
  });
});
