// Every change the canvas makes to a journey, as data. `applyOp` is what the change does
// to the document (the server does the same and answers with its own copy of the part),
// `invertOp` the change that takes it back: the undo stack keeps both. Inverses are
// field-level, so undoing a rename never rolls back a colleague's edit of another field.
import type { Insight, Journey, LaneItem, Opportunity, Stage, Step, TextLane } from "../api/types";

export type NoteKind = "insight" | "opportunity";
export type AnchorKind = "stage" | "step";
export type Note = Insight | Opportunity;

export interface LaneAddress {
  anchor: AnchorKind;
  anchorId: string;
  lane: TextLane;
}

export type JourneyOp =
  | { type: "updateJourney"; changes: Partial<Journey> }
  | { type: "addStage"; stage: Stage; position: number }
  | { type: "removeStage"; id: string }
  | { type: "updateStage"; id: string; changes: Partial<Stage> }
  | { type: "moveStage"; id: string; to: number }
  | { type: "addStep"; stageId: string; step: Step; position: number }
  | { type: "removeStep"; id: string }
  | { type: "updateStep"; id: string; changes: Partial<Step> }
  | { type: "moveStep"; id: string; stageId: string; to: number }
  | { type: "addNote"; kind: NoteKind; note: Note; position: number }
  | { type: "removeNote"; kind: NoteKind; id: string }
  | { type: "updateNote"; kind: NoteKind; id: string; changes: Partial<Note> }
  | { type: "addLaneItem"; at: LaneAddress; item: LaneItem; index: number }
  | { type: "removeLaneItem"; at: LaneAddress; index: number }
  | { type: "updateLaneItem"; at: LaneAddress; index: number; item: LaneItem }
  | { type: "moveLaneItem"; at: LaneAddress; from: number; to: number };

/** A position past any list's end: the API (and `applyOp`) put the part last. */
export const AT_END = 100_000;

export class MissingPartError extends Error {}

export function stageIndex(journey: Journey, id: string): number {
  const index = journey.stages?.findIndex((stage) => stage.id === id) ?? -1;
  if (index < 0) throw new MissingPartError(`no stage '${id}' in this journey any more`);
  return index;
}

/** Where a step is: its stage's index and its own index in that stage. */
export function locateStep(journey: Journey, id: string): { stage: number; index: number } {
  const stages = journey.stages ?? [];
  for (let stage = 0; stage < stages.length; stage++) {
    const index = stages[stage]!.steps?.findIndex((step) => step.id === id) ?? -1;
    if (index >= 0) return { stage, index };
  }
  throw new MissingPartError(`no step '${id}' in this journey any more`);
}

export function findStep(journey: Journey, id: string): Step {
  const { stage, index } = locateStep(journey, id);
  return journey.stages![stage]!.steps![index]!;
}

function notesOf(journey: Journey, kind: NoteKind): Note[] {
  return (kind === "insight" ? journey.insights : journey.opportunities) ?? [];
}

function noteIndex(journey: Journey, kind: NoteKind, id: string): number {
  const index = notesOf(journey, kind).findIndex((note) => note.id === id);
  if (index < 0) throw new MissingPartError(`no ${kind} '${id}' in this journey any more`);
  return index;
}

export function laneItems(journey: Journey, at: LaneAddress): LaneItem[] {
  const holder =
    at.anchor === "stage"
      ? journey.stages![stageIndex(journey, at.anchorId)]!
      : findStep(journey, at.anchorId);
  return holder.lanes?.[at.lane] ?? [];
}

function inserted<T>(items: readonly T[], index: number, item: T): T[] {
  const copy = [...items];
  copy.splice(Math.max(0, Math.min(index, copy.length)), 0, item);
  return copy;
}

function removed<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, at) => at !== index);
}

function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const item = items[from];
  return item === undefined ? [...items] : inserted(removed(items, from), to, item);
}

function withStages(journey: Journey, stages: Stage[]): Journey {
  return { ...journey, stages };
}

function mapStage(journey: Journey, index: number, change: (stage: Stage) => Stage): Journey {
  return withStages(
    journey,
    (journey.stages ?? []).map((stage, at) => (at === index ? change(stage) : stage)),
  );
}

function mapStep(journey: Journey, id: string, change: (step: Step) => Step): Journey {
  const { stage, index } = locateStep(journey, id);
  return mapStage(journey, stage, (holder) => ({
    ...holder,
    steps: (holder.steps ?? []).map((step, at) => (at === index ? change(step) : step)),
  }));
}

function withNotes(journey: Journey, kind: NoteKind, notes: Note[]): Journey {
  return kind === "insight"
    ? { ...journey, insights: notes as Insight[] }
    : { ...journey, opportunities: notes as Opportunity[] };
}

/** The journey with the lane at `at` set to `items`. */
export function withLane(journey: Journey, at: LaneAddress, items: LaneItem[]): Journey {
  const change = <T extends Stage | Step>(holder: T): T => ({
    ...holder,
    lanes: { ...holder.lanes, [at.lane]: items },
  });
  return at.anchor === "stage"
    ? mapStage(journey, stageIndex(journey, at.anchorId), change)
    : mapStep(journey, at.anchorId, change);
}

/** The journey after `op`. */
export function applyOp(journey: Journey, op: JourneyOp): Journey {
  const stages = journey.stages ?? [];
  switch (op.type) {
    case "updateJourney":
      return { ...journey, ...op.changes };
    case "addStage":
      return withStages(journey, inserted(stages, op.position, op.stage));
    case "removeStage":
      return withStages(journey, removed(stages, stageIndex(journey, op.id)));
    case "updateStage":
      return mapStage(journey, stageIndex(journey, op.id), (stage) => ({ ...stage, ...op.changes }));
    case "moveStage":
      return withStages(journey, moved(stages, stageIndex(journey, op.id), op.to));
    case "addStep":
      return mapStage(journey, stageIndex(journey, op.stageId), (stage) => ({
        ...stage,
        steps: inserted(stage.steps ?? [], op.position, op.step),
      }));
    case "removeStep": {
      const { stage, index } = locateStep(journey, op.id);
      return mapStage(journey, stage, (holder) => ({
        ...holder,
        steps: removed(holder.steps ?? [], index),
      }));
    }
    case "updateStep":
      return mapStep(journey, op.id, (step) => ({ ...step, ...op.changes }));
    case "moveStep": {
      const step = findStep(journey, op.id);
      const without = applyOp(journey, { type: "removeStep", id: op.id });
      return applyOp(without, { type: "addStep", stageId: op.stageId, step, position: op.to });
    }
    case "addNote":
      return withNotes(journey, op.kind, inserted(notesOf(journey, op.kind), op.position, op.note));
    case "removeNote":
      return withNotes(journey, op.kind, removed(notesOf(journey, op.kind), noteIndex(journey, op.kind, op.id)));
    case "updateNote": {
      const index = noteIndex(journey, op.kind, op.id);
      const notes = notesOf(journey, op.kind).map((note, at) =>
        at === index ? ({ ...note, ...op.changes } as Note) : note,
      );
      return withNotes(journey, op.kind, notes);
    }
    case "addLaneItem":
      return withLane(journey, op.at, inserted(laneItems(journey, op.at), op.index, op.item));
    case "removeLaneItem":
      return withLane(journey, op.at, removed(laneItems(journey, op.at), op.index));
    case "updateLaneItem":
      return withLane(
        journey,
        op.at,
        laneItems(journey, op.at).map((item, at) => (at === op.index ? op.item : item)),
      );
    case "moveLaneItem":
      return withLane(journey, op.at, moved(laneItems(journey, op.at), op.from, op.to));
  }
}

/** The values `changes` would overwrite, so putting them back undoes the change. */
function previous<T extends object>(current: T, changes: Partial<T>): Partial<T> {
  const old: Partial<T> = {};
  for (const key of Object.keys(changes) as (keyof T)[]) old[key] = current[key];
  return old;
}

/** The change that undoes `op`, worked out on the journey as it is before `op`. */
export function invertOp(journey: Journey, op: JourneyOp): JourneyOp {
  switch (op.type) {
    case "updateJourney":
      return { type: "updateJourney", changes: previous(journey, op.changes) };
    case "addStage":
      return { type: "removeStage", id: op.stage.id };
    case "removeStage": {
      const position = stageIndex(journey, op.id);
      return { type: "addStage", stage: journey.stages![position]!, position };
    }
    case "updateStage":
      return {
        type: "updateStage",
        id: op.id,
        changes: previous(journey.stages![stageIndex(journey, op.id)]!, op.changes),
      };
    case "moveStage":
      return { type: "moveStage", id: op.id, to: stageIndex(journey, op.id) };
    case "addStep":
      return { type: "removeStep", id: op.step.id };
    case "removeStep": {
      const { stage, index } = locateStep(journey, op.id);
      const holder = journey.stages![stage]!;
      return { type: "addStep", stageId: holder.id, step: holder.steps![index]!, position: index };
    }
    case "updateStep":
      return { type: "updateStep", id: op.id, changes: previous(findStep(journey, op.id), op.changes) };
    case "moveStep": {
      const { stage, index } = locateStep(journey, op.id);
      return { type: "moveStep", id: op.id, stageId: journey.stages![stage]!.id, to: index };
    }
    case "addNote":
      return { type: "removeNote", kind: op.kind, id: op.note.id };
    case "removeNote": {
      const position = noteIndex(journey, op.kind, op.id);
      return { type: "addNote", kind: op.kind, note: notesOf(journey, op.kind)[position]!, position };
    }
    case "updateNote": {
      const note = notesOf(journey, op.kind)[noteIndex(journey, op.kind, op.id)]!;
      return { type: "updateNote", kind: op.kind, id: op.id, changes: previous(note, op.changes) };
    }
    case "addLaneItem":
      return { type: "removeLaneItem", at: op.at, index: Math.min(op.index, laneItems(journey, op.at).length) };
    case "removeLaneItem":
      return { type: "addLaneItem", at: op.at, item: laneItems(journey, op.at)[op.index]!, index: op.index };
    case "updateLaneItem":
      return { type: "updateLaneItem", at: op.at, index: op.index, item: laneItems(journey, op.at)[op.index]! };
    case "moveLaneItem":
      return { type: "moveLaneItem", at: op.at, from: op.to, to: op.from };
  }
}

const LABELS: Record<JourneyOp["type"], string> = {
  updateJourney: "edit journey",
  addStage: "add stage",
  removeStage: "delete stage",
  updateStage: "edit stage",
  moveStage: "move stage",
  addStep: "add step",
  removeStep: "delete step",
  updateStep: "edit step",
  moveStep: "move step",
  addNote: "add card",
  removeNote: "delete card",
  updateNote: "edit card",
  addLaneItem: "add lane item",
  removeLaneItem: "delete lane item",
  updateLaneItem: "edit lane item",
  moveLaneItem: "move lane item",
};

export function describeOp(op: JourneyOp): string {
  return LABELS[op.type];
}

/** Every id used in the journey: new parts take a free one. */
export function usedIds(journey: Journey): Set<string> {
  const ids = new Set<string>();
  for (const stage of journey.stages ?? []) {
    ids.add(stage.id);
    for (const step of stage.steps ?? []) ids.add(step.id);
  }
  for (const note of [...(journey.insights ?? []), ...(journey.opportunities ?? [])]) ids.add(note.id);
  return ids;
}

/** A readable id from `name` that `taken` does not hold yet (`pay`, `pay-2` ...). */
export function freeId(name: string, taken: Set<string>, fallback = "item"): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || fallback;
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}
