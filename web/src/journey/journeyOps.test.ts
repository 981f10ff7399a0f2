import { describe, expect, it } from "vitest";
import type { Journey } from "../api/types";
import { type JourneyOp, applyOp, freeId, invertOp, usedIds } from "./journeyOps";

const journey = {
  id: "j",
  title: "Checkout",
  stages: [
    {
      id: "browse",
      name: "Browse",
      goal: "",
      steps: [
        { id: "search", name: "Searches", emotion: 1, lanes: { actions: [{ text: "types" }, { text: "scrolls" }] } },
        { id: "compare", name: "Compares" },
      ],
    },
    { id: "buy", name: "Buy", goal: "Pay quickly", steps: [{ id: "pay", name: "Pays", emotion: -1 }] },
  ],
  insights: [{ id: "slow", title: "Slow payment", step: "pay", kind: "pain", severity: 4 }],
  opportunities: [],
} as unknown as Journey;

const ops: JourneyOp[] = [
  { type: "updateJourney", changes: { title: "Buying" } },
  { type: "addStage", stage: { id: "use", name: "Use", goal: "", steps: [] } as never, position: 1 },
  { type: "removeStage", id: "browse" },
  { type: "updateStage", id: "buy", changes: { name: "Purchase", goal: "" } },
  { type: "moveStage", id: "buy", to: 0 },
  { type: "addStep", stageId: "buy", step: { id: "receipt", name: "Gets a receipt" } as never, position: 0 },
  { type: "removeStep", id: "compare" },
  { type: "updateStep", id: "pay", changes: { emotion: -2, feeling: "annoyed" } },
  { type: "moveStep", id: "search", stageId: "buy", to: 1 },
  { type: "moveStep", id: "search", stageId: "browse", to: 1 },
  { type: "addNote", kind: "insight", note: { id: "lost", title: "Gets lost", step: "search" } as never, position: 0 },
  { type: "removeNote", kind: "insight", id: "slow" },
  { type: "updateNote", kind: "insight", id: "slow", changes: { title: "Very slow payment" } },
  { type: "addLaneItem", at: { anchor: "step", anchorId: "search", lane: "actions" }, item: { text: "clicks" }, index: 1 },
  { type: "removeLaneItem", at: { anchor: "step", anchorId: "search", lane: "actions" }, index: 0 },
  { type: "updateLaneItem", at: { anchor: "step", anchorId: "search", lane: "actions" }, index: 1, item: { text: "skims" } },
  { type: "moveLaneItem", at: { anchor: "step", anchorId: "search", lane: "actions" }, from: 0, to: 1 },
  { type: "addLaneItem", at: { anchor: "stage", anchorId: "buy", lane: "backstage" }, item: { text: "fraud check" }, index: 0 },
];

/** The journey as JSON carries it (undefined keys dropped), empty lanes dropped too: the
 *  journey format defaults every lane to an empty list, so both mean the same. */
const wire = (value: Journey) =>
  JSON.parse(JSON.stringify(value), (key, item: unknown) => {
    if (key !== "lanes" || typeof item !== "object" || item === null) return item;
    const kept = Object.entries(item).filter(([, items]) => !Array.isArray(items) || items.length > 0);
    return kept.length ? Object.fromEntries(kept) : undefined;
  }) as unknown;

describe("journey ops", () => {
  it.each(ops.map((op) => [op.type, op] as const))("%s is undone exactly by its inverse", (_, op) => {
    const changed = applyOp(journey, op);
    expect(wire(changed)).not.toEqual(wire(journey));
    expect(wire(applyOp(changed, invertOp(journey, op)))).toEqual(wire(journey));
  });

  it("never changes the journey it is given", () => {
    const before = wire(journey);
    for (const op of ops) applyOp(journey, op);
    expect(wire(journey)).toEqual(before);
  });

  it("moves a step across stages to the place asked for", () => {
    const moved = applyOp(journey, { type: "moveStep", id: "search", stageId: "buy", to: 1 });
    expect(moved.stages!.map((stage) => stage.steps!.map((step) => step.id))).toEqual([["compare"], ["pay", "search"]]);
  });

  it("undoes only the fields a change touched", () => {
    const op: JourneyOp = { type: "updateStep", id: "pay", changes: { name: "Pays by card" } };
    const inverse = invertOp(journey, op);
    expect(inverse).toEqual({ type: "updateStep", id: "pay", changes: { name: "Pays" } });
  });

  it("names a part that is gone instead of guessing", () => {
    expect(() => applyOp(journey, { type: "removeStep", id: "nope" })).toThrow("no step 'nope'");
  });

  it("makes readable ids that are free in the journey", () => {
    const taken = usedIds(journey);
    expect(taken.has("pay") && taken.has("slow") && taken.has("buy")).toBe(true);
    expect(freeId("Pay", taken)).toBe("pay-2");
    expect(freeId("Café crème!", taken)).toBe("cafe-creme");
    expect(freeId("???", taken, "step")).toBe("step");
  });
});
