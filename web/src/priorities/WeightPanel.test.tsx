import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Criterion, ScoreWeights } from "./priorityTypes";
import { WeightPanel } from "./WeightPanel";

const equal: ScoreWeights = { cost: 1, sales: 1, strategy: 1, frequency: 1, experience: 1 };

function panel(options: { draft?: ScoreWeights; dirty?: boolean; noWeight?: boolean; canEdit?: boolean }) {
  const changes: [Criterion, number][] = [];
  let saves = 0;
  render(
    <WeightPanel
      draft={options.draft ?? equal}
      savedVersion={4}
      dirty={options.dirty ?? false}
      noWeight={options.noWeight ?? false}
      canEdit={options.canEdit ?? true}
      saving={false}
      onChange={(criterion, value) => changes.push([criterion, value])}
      onReset={() => {}}
      onSave={() => (saves += 1)}
    />,
  );
  return { changes, saves: () => saves };
}

describe("the weight sliders", () => {
  it("report a moved slider as its criterion and number, and show each weight's share", () => {
    const { changes } = panel({ draft: { ...equal, sales: 4 } });
    fireEvent.change(screen.getByLabelText("Sales"), { target: { value: "2.5" } });
    expect(changes).toEqual([["sales", 2.5]]);
    expect(screen.getByLabelText("Sales")).toHaveAttribute("aria-valuetext", "4.00 times, 50 % of the score");
    expect(screen.getByText("Saved · version 4")).toBeInTheDocument();
  });

  it("let an editor save a what-if, but not one where every weight is zero", () => {
    const dirty = panel({ dirty: true });
    expect(screen.getByText("What-if · not saved")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Save weights" }));
    expect(dirty.saves()).toBe(1);
  });

  it("refuse to save weights that are all zero, and say why", () => {
    const zero = { cost: 0, sales: 0, strategy: 0, frequency: 0, experience: 0 };
    panel({ draft: zero, dirty: true, noWeight: true });
    expect(screen.getByRole("alert")).toHaveTextContent("At least one weight must be above 0");
    expect(screen.getByRole("button", { name: "Save weights" })).toBeDisabled();
  });

  it("let a viewer try weights without a Save button", () => {
    const { changes } = panel({ canEdit: false, dirty: true });
    expect(screen.queryByRole("button", { name: "Save weights" })).toBeNull();
    fireEvent.change(screen.getByLabelText("Cost"), { target: { value: "3" } });
    expect(changes).toEqual([["cost", 3]]);
  });
});
