import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Journey } from "../api/types";
import { EmotionCurve } from "./EmotionCurve";
import { CURVE_HEIGHT, emotionGeometry } from "./emotionGeometry";
import { COLUMN_WIDTH, planGrid } from "./gridPlan";

const journey = {
  id: "j",
  title: "Returns",
  stages: [
    {
      id: "s",
      name: "Return",
      steps: [
        { id: "label", name: "Prints the label", emotion: 1, feeling: "relieved" },
        { id: "queue", name: "Queues at the post office", emotion: -2, feeling: "angry" },
        { id: "wait", name: "Waits for the refund" },
        { id: "refund", name: "Gets the refund", emotion: 0 },
      ],
    },
  ],
} as unknown as Journey;

function drawn() {
  const { container } = render(
    <EmotionCurve columns={planGrid(journey).columns} columnWidth={COLUMN_WIDTH} selectedStepId={null} onSelectStep={() => {}} />,
  );
  const point = (step: string) => container.querySelector(`[data-step="${step}"]`)!;
  const cy = (step: string) => Number(point(step).querySelector("circle")!.getAttribute("cy"));
  const baseline = Number(screen.getByTestId("emotion-baseline").getAttribute("y1"));
  return { point, cy, baseline };
}

describe("the emotion curve", () => {
  it("puts a negative point below the baseline, with a warning icon and a pain-point label", () => {
    const { point, cy, baseline } = drawn();
    expect(cy("queue")).toBeGreaterThan(baseline);
    expect(point("queue").getAttribute("data-tone")).toBe("negative");
    expect(point("queue").getAttribute("class")).toContain("tone-negative");
    expect(point("queue").querySelector('[data-testid="pain-icon"]')).not.toBeNull();
    const label = point("queue").querySelector('[data-testid="emotion-label"]')!;
    expect(label.textContent).toBe("Pain point −2 · angry");
    expect(Number(label.getAttribute("y"))).toBeGreaterThan(cy("queue"));
    expect(Number(label.getAttribute("y"))).toBeLessThanOrEqual(CURVE_HEIGHT);
  });

  it("puts positive points above the baseline and neutral ones on it, without the icon", () => {
    const { point, cy, baseline } = drawn();
    expect(cy("label")).toBeLessThan(baseline);
    expect(cy("refund")).toBe(baseline);
    for (const step of ["label", "refund"]) {
      expect(point(step).querySelector('[data-testid="pain-icon"]')).toBeNull();
    }
    expect(point("label").textContent).toContain("+1 · relieved");
  });

  it("leaves out steps without an emotion and says what it shows", () => {
    const { container } = render(
      <EmotionCurve columns={planGrid(journey).columns} columnWidth={COLUMN_WIDTH} selectedStepId={null} onSelectStep={() => {}} />,
    );
    expect(container.querySelector('[data-step="wait"]')).toBeNull();
    expect(screen.getByRole("img", { name: /over 3 steps; 1 below the baseline/ })).toBeInTheDocument();
  });

  it("places each point in the middle of its step's column, in order", () => {
    const curve = emotionGeometry(planGrid(journey).columns, 200);
    expect(curve.points.map((point) => [point.stepId, point.x])).toEqual([
      ["label", 100],
      ["queue", 300],
      ["refund", 700],
    ]);
    expect(curve.width).toBe(800);
    expect(curve.path.startsWith("M100,")).toBe(true);
  });
});

describe("the evidence's emotion on the curve", () => {
  const columns = planGrid(journey).columns;
  const derived = new Map([
    ["wait", { mean: -1.41588, n: 5, interval: { low: -2.3, high: -0.41 } }],
    ["queue", { mean: 1.5, n: 9, interval: { low: 1.2, high: 1.8 } }],
  ]);

  it("stands in, hollow and labelled with n, only where no emotion is set by hand", () => {
    const curve = emotionGeometry(columns, 100, derived);
    const wait = curve.points.find((point) => point.stepId === "wait")!;
    expect(wait.derived).toEqual({ n: 5, low: emotionGeometry(columns, 100).height - 50, high: expect.any(Number) });
    expect(wait.emotion).toBe(-1.4);
    expect(wait.tone).toBe("negative");
    expect(wait.label).toBe("Pain point \u22121.4 \u00b7 evidence n=5");
    expect(wait.y).toBeGreaterThan(curve.baseline);
    const queue = curve.points.find((point) => point.stepId === "queue")!;
    expect(queue.derived).toBeUndefined(); // the hand-set -2 stays
    expect(queue.emotion).toBe(-2);
  });

  it("draws the stretches to and from a derived point dashed, the rest solid", () => {
    const curve = emotionGeometry(columns, 100, derived);
    const [label, queue, wait, refund] = curve.points;
    expect(curve.path).toBe(`M${label!.x},${label!.y} L${queue!.x},${queue!.y}`);
    expect(curve.dashedPath).toBe(`M${queue!.x},${queue!.y} L${wait!.x},${wait!.y} M${wait!.x},${wait!.y} L${refund!.x},${refund!.y}`);
    expect(emotionGeometry(columns, 100).dashedPath).toBe("");
  });
});
