// What changed between two versions of a journey, part by part: stages and steps added,
// removed, changed (which fields, before and after) or moved, matched by their stable ids.
// The history panel draws it as a mini map and as a list. Pure, so the tests check exactly
// what the panel shows.
import type { Journey, Stage, Step } from "../api/types";

export type Change = "added" | "removed" | "changed" | "moved" | "same";

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface StepDiff {
  id: string;
  name: string;
  change: Change;
  fields: FieldChange[];
  /** The stage it was in before, when it moved to another one. */
  movedFrom: string | null;
}

export interface StageDiff {
  id: string;
  name: string;
  change: Change;
  fields: FieldChange[];
  /** The steps of the newer version in order, with the removed ones where they were. */
  steps: StepDiff[];
}

export interface JourneyDiff {
  journey: FieldChange[];
  stages: StageDiff[];
  /** Changes outside stages and steps, in words (lane items, pain points, personas...). */
  other: string[];
  counts: Record<Exclude<Change, "same">, number>;
}

const NONE = "—";

function show(value: unknown): string {
  if (value == null || value === "") return NONE;
  if (Array.isArray(value)) return value.length ? value.map(show).join(", ") : NONE;
  if (typeof value === "number") return value > 0 ? `+${value}` : value < 0 ? `\u2212${-value}` : "0";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

type Fields<T> = [keyof T & string, string, ((value: T) => unknown)?][];

const STEP_FIELDS: Fields<Step> = [
  ["name", "Name"],
  ["channel", "Channel"],
  ["department", "Department"],
  ["emotion", "Emotion"],
  ["feeling", "Feeling"],
  ["description", "Description"],
  ["next", "Leads to"],
  ["final", "May end here", (step) => (step.final ? "yes" : "no")],
  ["facts", "Facts"],
  ["metrics", "Metrics"],
  ["evidence", "Evidence notes", (step) => `${step.evidence?.length ?? 0}`],
  ["lanes", "Lane items", (step) => laneCount(step.lanes)],
];
const STAGE_FIELDS: Fields<Stage> = [
  ["name", "Name"],
  ["goal", "Goal"],
  ["needs", "Needs"],
  ["lanes", "Lane items", (stage) => laneCount(stage.lanes)],
];
const JOURNEY_FIELDS: Fields<Journey> = [
  ["title", "Title"],
  ["description", "Description"],
  ["kind", "Kind"],
  ["status", "Status"],
  ["owner", "Owner"],
  ["tags", "Tags"],
];
/** Parts of the journey compared as a whole, with the words that say they changed. */
const OTHER_PARTS: [keyof Journey, string][] = [
  ["personas", "Personas"],
  ["stakeholders", "Stakeholders"],
  ["lanes", "Lanes shown"],
  ["insights", "Pain points and gains"],
  ["opportunities", "Opportunities"],
  ["start", "Entry steps"],
];

function laneCount(lanes: Stage["lanes"]): string {
  const total = Object.values(lanes ?? {}).reduce((sum, items) => sum + (items?.length ?? 0), 0);
  return `${total} item${total === 1 ? "" : "s"}`;
}

function fieldChanges<T>(before: T, after: T, fields: Fields<T>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, label, view] of fields) {
    if (same(before[field], after[field])) continue;
    const text = view ?? ((value: T) => value[field]);
    const [was, now] = [show(text(before)), show(text(after))];
    changes.push({ field, label, before: was, after: now === was ? "changed" : now });
  }
  return changes;
}

interface Placed {
  step: Step;
  stageId: string;
  stageName: string;
}

function placeSteps(journey: Journey): Map<string, Placed> {
  const placed = new Map<string, Placed>();
  for (const stage of journey.stages ?? []) {
    for (const step of stage.steps ?? []) placed.set(step.id, { step, stageId: stage.id, stageName: stage.name });
  }
  return placed;
}

/** Ids whose order among the steps both versions keep in this stage is not the same. */
function reordered(before: readonly string[], after: readonly string[]): Set<string> {
  const kept = new Set(after);
  const was = before.filter((id) => kept.has(id));
  const had = new Set(was);
  const now = after.filter((id) => had.has(id));
  return new Set(now.filter((id, index) => was[index] !== id));
}

function stepDiffs(stage: Stage | undefined, old: Stage | undefined, before: Map<string, Placed>, after: Map<string, Placed>): StepDiff[] {
  const newSteps = stage?.steps ?? [];
  const oldSteps = old?.steps ?? [];
  const oldHere = oldSteps.map((step) => step.id);
  const moved = reordered(oldHere, newSteps.map((step) => step.id));
  const diffs: StepDiff[] = newSteps.map((step) => {
    const was = before.get(step.id);
    if (!was) return { id: step.id, name: step.name, change: "added", fields: [], movedFrom: null };
    const fields = fieldChanges(was.step, step, STEP_FIELDS);
    const elsewhere = was.stageId !== stage?.id;
    const change: Change = fields.length ? "changed" : elsewhere || moved.has(step.id) ? "moved" : "same";
    return { id: step.id, name: step.name, change, fields, movedFrom: elsewhere ? was.stageName : null };
  });
  // A removed step goes back where it was: after the step that preceded it then.
  oldSteps.forEach((step, index) => {
    if (after.has(step.id)) return;
    const gone: StepDiff = { id: step.id, name: step.name, change: "removed", fields: [], movedFrom: null };
    const previous = index > 0 ? oldSteps[index - 1]!.id : null;
    const at = previous === null ? -1 : diffs.findIndex((diff) => diff.id === previous);
    diffs.splice(at + 1, 0, gone);
  });
  return diffs;
}

/** The difference from `before` (the older version) to `after`. */
export function diffJourneys(before: Journey, after: Journey): JourneyDiff {
  const oldSteps = placeSteps(before);
  const newSteps = placeSteps(after);
  const oldStages = new Map((before.stages ?? []).map((stage) => [stage.id, stage]));
  const newIds = new Set((after.stages ?? []).map((stage) => stage.id));
  const movedStages = reordered([...oldStages.keys()], [...newIds]);
  const stages: StageDiff[] = (after.stages ?? []).map((stage) => {
    const old = oldStages.get(stage.id);
    const steps = stepDiffs(stage, old, oldSteps, newSteps);
    if (!old) return { id: stage.id, name: stage.name, change: "added", fields: [], steps };
    const fields = fieldChanges(old, stage, STAGE_FIELDS);
    const change: Change = fields.length ? "changed" : movedStages.has(stage.id) ? "moved" : "same";
    return { id: stage.id, name: stage.name, change, fields, steps };
  });
  (before.stages ?? []).forEach((stage, index) => {
    if (newIds.has(stage.id)) return;
    const steps = stepDiffs(undefined, stage, oldSteps, newSteps);
    const gone: StageDiff = { id: stage.id, name: stage.name, change: "removed", fields: [], steps };
    const previous = index > 0 ? before.stages![index - 1]!.id : null;
    const at = previous === null ? -1 : stages.findIndex((diff) => diff.id === previous);
    stages.splice(at + 1, 0, gone);
  });
  const other = OTHER_PARTS.filter(([part]) => !same(before[part], after[part])).map(([, words]) => `${words} changed`);
  const counts = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const stage of stages) {
    if (stage.change !== "same") counts[stage.change]++;
    for (const step of stage.steps) {
      if (step.change !== "same") counts[step.change]++;
    }
  }
  return { journey: fieldChanges(before, after, JOURNEY_FIELDS), stages, other, counts };
}

/** Nothing changed that the diff shows (the versions may still differ in layout details). */
export function isEmptyDiff(diff: JourneyDiff): boolean {
  const { added, removed, changed, moved } = diff.counts;
  return added + removed + changed + moved === 0 && diff.journey.length === 0 && diff.other.length === 0;
}

export const CHANGE_WORDS: Record<Change, string> = {
  added: "Added",
  removed: "Removed",
  changed: "Changed",
  moved: "Moved",
  same: "Unchanged",
};

export const CHANGE_ICONS: Record<Change, string> = {
  added: "+",
  removed: "\u2212",
  changed: "\u270E",
  moved: "\u21C4",
  same: "",
};
