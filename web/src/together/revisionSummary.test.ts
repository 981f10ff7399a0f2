import { describe, expect, it } from "vitest";
import { phraseOf, summarize } from "./revisionSummary";

const update = (diff: { op: string; path: string }[]) => ({ action: "update" as const, diff, restored_from: null });

describe("summarize", () => {
  it("says what the actions without a patch to read did", () => {
    expect(summarize({ action: "create", diff: [], restored_from: null })).toBe("Created the journey");
    expect(summarize({ action: "restore", diff: [], restored_from: 3 })).toBe("Restored version 3");
    expect(summarize({ action: "delete", diff: [], restored_from: null })).toBe("Moved to the bin");
  });

  it("names a step rename, ignoring the server's own bookkeeping", () => {
    const diff = [
      { op: "replace", path: "/stages/0/steps/1/name" },
      { op: "replace", path: "/version" },
      { op: "replace", path: "/updated_at" },
    ];
    expect(summarize(update(diff))).toBe("Renamed a step");
  });

  it("lists distinct phrases once each, three at most, and counts the rest", () => {
    const diff = [
      { op: "add", path: "/stages/2" },
      { op: "replace", path: "/stages/0/steps/0/emotion" },
      { op: "replace", path: "/stages/1/steps/3/emotion" },
      { op: "remove", path: "/stages/1/steps/2" },
      { op: "replace", path: "/title" },
      { op: "add", path: "/opportunities/0" },
    ];
    expect(summarize(update(diff))).toBe("Added a stage; changed step emotion; removed a step and 2 more");
  });

  it("reads escaped path segments and lane items", () => {
    expect(phraseOf({ op: "add", path: "/stages/0/steps/0/lanes/backstage/0" })).toBe("changed step lane items");
    expect(phraseOf({ op: "replace", path: "/activity_map/a~1b" })).toBe("changed activity map");
    expect(phraseOf({ op: "replace", path: "/stages/1/name" })).toBe("renamed a stage");
  });

  it("admits a save that changed nothing a reader would see", () => {
    expect(summarize(update([{ op: "replace", path: "/updated_at" }]))).toBe("Saved without visible changes");
  });
});
