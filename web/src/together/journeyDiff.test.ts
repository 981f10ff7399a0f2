import { describe, expect, it } from "vitest";
import type { Journey, Stage } from "../api/types";
import { diffJourneys, isEmptyDiff } from "./journeyDiff";

// Only the fields that matter here; the server fills in the rest.
const base = {
  id: "repair",
  title: "Booking a repair",
  stages: [
    {
      id: "report",
      name: "Report",
      goal: "Get it fixed",
      steps: [
        { id: "call", name: "Calls the hotline", emotion: -1 },
        { id: "wait", name: "Waits on hold" },
        { id: "ticket", name: "Gets a ticket number" },
      ],
    },
    { id: "fix", name: "Fix", steps: [{ id: "visit", name: "Engineer visits" }] },
  ],
} as unknown as Journey;

function edited(change: (journey: Journey) => void): Journey {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

describe("diffJourneys", () => {
  it("finds nothing between a version and itself", () => {
    const diff = diffJourneys(base, structuredClone(base));
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff.stages.flatMap((stage) => stage.steps.map((step) => step.change))).toEqual(["same", "same", "same", "same"]);
  });

  it("names a renamed step's field with the value before and after", () => {
    const diff = diffJourneys(base, edited((j) => (j.stages![0]!.steps![0]!.name = "Chats with the bot")));
    const step = diff.stages[0]!.steps[0]!;
    expect(step).toMatchObject({ id: "call", name: "Chats with the bot", change: "changed" });
    expect(step.fields).toEqual([{ field: "name", label: "Name", before: "Calls the hotline", after: "Chats with the bot" }]);
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 1, moved: 0 });
  });

  it("shows emotions signed, with a dash for none", () => {
    const diff = diffJourneys(base, edited((j) => {
      j.stages![0]!.steps![0]!.emotion = 2;
      j.stages![0]!.steps![1]!.emotion = -2;
    }));
    const [call, wait] = diff.stages[0]!.steps;
    expect(call!.fields[0]).toMatchObject({ label: "Emotion", before: "\u22121", after: "+2" });
    expect(wait!.fields[0]).toMatchObject({ label: "Emotion", before: "—", after: "\u22122" });
  });

  it("keeps a removed step where it was, between its old neighbours", () => {
    const diff = diffJourneys(base, edited((j) => j.stages![0]!.steps!.splice(1, 1)));
    expect(diff.stages[0]!.steps.map((step) => [step.id, step.change])).toEqual([
      ["call", "same"],
      ["wait", "removed"],
      ["ticket", "same"],
    ]);
    expect(diff.counts.removed).toBe(1);
  });

  it("marks an added stage and its steps as added, in the newer order", () => {
    const triage = { id: "triage", name: "Triage", steps: [{ id: "sort", name: "Sorted by urgency" }] } as unknown as Stage;
    const after = edited((j) => j.stages!.splice(1, 0, triage));
    const diff = diffJourneys(base, after);
    expect(diff.stages.map((stage) => [stage.id, stage.change])).toEqual([
      ["report", "same"],
      ["triage", "added"],
      ["fix", "same"],
    ]);
    expect(diff.stages[1]!.steps[0]!.change).toBe("added");
    expect(diff.counts).toMatchObject({ added: 2 });
  });

  it("puts a removed stage back after the stage that preceded it, with its steps removed", () => {
    const diff = diffJourneys(base, edited((j) => j.stages!.splice(0, 1)));
    expect(diff.stages.map((stage) => [stage.id, stage.change])).toEqual([
      ["report", "removed"],
      ["fix", "same"],
    ]);
    expect(diff.stages[0]!.steps.every((step) => step.change === "removed")).toBe(true);
    expect(diff.counts).toMatchObject({ removed: 4 });
  });

  it("tells a step moved to another stage from one changed in place", () => {
    const after = edited((j) => {
      const [ticket] = j.stages![0]!.steps!.splice(2, 1);
      j.stages![1]!.steps!.push(ticket!);
    });
    const diff = diffJourneys(base, after);
    const moved = diff.stages[1]!.steps.find((step) => step.id === "ticket")!;
    expect(moved).toMatchObject({ change: "moved", movedFrom: "Report", fields: [] });
    expect(diff.stages[0]!.steps.map((step) => step.id)).toEqual(["call", "wait"]);
    expect(diff.counts).toMatchObject({ moved: 1, removed: 0, added: 0 });
  });

  it("marks steps swapped within a stage as moved", () => {
    const after = edited((j) => j.stages![0]!.steps!.reverse());
    const changes = Object.fromEntries(diffJourneys(base, after).stages[0]!.steps.map((step) => [step.id, step.change]));
    expect(changes).toEqual({ ticket: "moved", wait: "same", call: "moved" });
  });

  it("reports a stage's goal and the journey's title as field changes", () => {
    const after = edited((j) => {
      j.title = "Repairs";
      j.stages![0]!.goal = "Fixed today";
    });
    const diff = diffJourneys(base, after);
    expect(diff.journey).toEqual([{ field: "title", label: "Title", before: "Booking a repair", after: "Repairs" }]);
    expect(diff.stages[0]).toMatchObject({ change: "changed", fields: [{ label: "Goal", before: "Get it fixed", after: "Fixed today" }] });
  });

  it("says in words when parts outside the stages changed", () => {
    const after = edited((j) => (j.insights = [{ id: "p1", kind: "pain", title: "Long hold", step: "wait" }] as unknown as Journey["insights"]));
    const diff = diffJourneys(base, after);
    expect(diff.other).toEqual(["Pain points and gains changed"]);
    expect(isEmptyDiff(diff)).toBe(false);
  });
});
