import { describe, expect, it } from "vitest";
import type { Journey } from "../api/types";
import { flowLinks, planGrid } from "./gridPlan";

const journey = {
  id: "j",
  title: "Support",
  lanes: ["support", "touchpoints", "emotions", "backstage", "actions"],
  stages: [
    {
      id: "ask",
      name: "Ask",
      lanes: { actions: [{ text: "looks for help" }] },
      steps: [
        { id: "faq", name: "Reads the FAQ", next: ["chat", "call"] },
        { id: "chat", name: "Chats" },
      ],
    },
    { id: "empty", name: "Nothing yet", steps: [] },
    {
      id: "fix",
      name: "Fix",
      steps: [
        { id: "call", name: "Calls", next: ["faq"] },
        { id: "done", name: "Fixed", final: true },
      ],
    },
  ],
} as unknown as Journey;

describe("the canvas plan", () => {
  it("gives every step a column and an empty stage one to drop steps into", () => {
    const plan = planGrid(journey);
    expect(plan.columns.map((column) => column.step?.id ?? `(${column.stage.id})`)).toEqual([
      "faq",
      "chat",
      "(empty)",
      "call",
      "done",
    ]);
    expect(plan.stages.map((stage) => [stage.stage.id, stage.start, stage.span])).toEqual([
      ["ask", 0, 2],
      ["empty", 2, 1],
      ["fix", 3, 2],
    ]);
  });

  it("keeps the journey's lane order, with backstage and support under the line of visibility", () => {
    const rows = planGrid(journey).rows.map((row) => ("lane" in row ? `${row.kind}:${row.lane}` : row.kind));
    expect(rows).toEqual([
      "stages",
      "flow",
      "steps",
      "emotions",
      "stageItems:actions",
      "stepItems:actions",
      "visibility",
      "stepItems:support",
      "stepItems:backstage",
    ]);
  });

  it("draws branches, loops back and the plain sequence, and nothing after a final step", () => {
    const links = flowLinks(planGrid(journey)).map((link) => `${link.fromId}>${link.toId}:${link.kind}`);
    expect(links).toEqual(["faq>chat:branch", "faq>call:branch", "chat>call:sequence", "call>faq:loop"]);
  });
});
