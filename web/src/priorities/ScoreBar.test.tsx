import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Contribution, Score } from "./priorityTypes";
import { ScoreBar, describeScore } from "./ScoreBar";

function part(criterion: Contribution["criterion"], points: number | null): Contribution {
  const missing = points === null;
  return {
    criterion,
    raw: missing ? null : 1,
    source: missing ? null : "entered",
    normalised: missing ? null : 0.5,
    weight: 1,
    weight_share: missing ? 0 : 0.5,
    points: points ?? 0,
    formula: missing ? "missing: left out" : "x",
    missing,
  };
}

const score: Score = {
  subject_kind: "journey",
  subject_id: "claims",
  journey_id: "claims",
  value: 64,
  contributions: [part("cost", 48.7), part("sales", 14.3), part("strategy", null), part("frequency", null), part("experience", null)],
  missing: ["strategy", "frequency", "experience"],
  formula: "1 + 99 x ...",
};

describe("the score bar", () => {
  it("labels wide segments with name and points, and lists every criterion with its points or as missing", () => {
    render(<ScoreBar score={score} />);
    expect(document.querySelector('[data-criterion="cost"]')).toHaveTextContent("Cost 49");
    expect(document.querySelector('[data-criterion="cost"]')).toHaveStyle({ width: "48.7%" });
    expect(document.querySelector('[data-criterion="strategy"]')).toBeNull();
    expect(screen.getByTestId("part-sales")).toHaveTextContent("Sales 14");
    expect(screen.getByTestId("part-strategy")).toHaveTextContent("Strategy missing");
    expect(screen.getByTestId("part-experience")).toHaveTextContent("missing");
  });

  it("says the whole breakdown to screen readers", () => {
    render(<ScoreBar score={score} />);
    expect(screen.getByRole("img")).toHaveAccessibleName(
      "Score 64 of 100: Cost 49 points, Sales 14 points; missing: strategy, frequency, experience",
    );
  });

  it("tells a score with nothing to go on apart from a low one", () => {
    expect(describeScore({ ...score, value: null })).toBe("No score: every input with a weight is missing.");
  });
});
