// Where everything of a journey goes on the canvas, worked out once per version: one column
// per step (an empty stage keeps one column to drop steps into), stages spanning their
// steps' columns, and the rows in the journey's lane order with backstage and support under
// the line of visibility. Pure, so the canvas draws and the tests check the same plan.
import type { Journey, Lane, Stage, Step, TextLane } from "../api/types";
import { TEXT_LANES } from "../api/types";

export const COLUMN_WIDTH = 232;
export const LABEL_WIDTH = 156;
export const DEFAULT_LANES: Lane[] = [
  "actions",
  "touchpoints",
  "thoughts",
  "emotions",
  "pain_points",
  "opportunities",
  "frontstage",
  "backstage",
  "support",
];
const BELOW_LINE: ReadonlySet<Lane> = new Set<Lane>(["backstage", "support"]);

export const LANE_TITLES: Record<Lane, string> = {
  actions: "Customer actions",
  touchpoints: "Touchpoints",
  thoughts: "Thoughts",
  emotions: "Emotions",
  pain_points: "Pain points",
  opportunities: "Opportunities",
  frontstage: "Frontstage",
  backstage: "Backstage",
  support: "Support processes",
};

export interface Column {
  index: number;
  stageIndex: number;
  stage: Stage;
  /** The step drawn in this column; null for the column of an empty stage. */
  step: Step | null;
  positionInStage: number;
}

export interface StageSpan {
  stage: Stage;
  index: number;
  start: number;
  span: number;
}

export type Row =
  | { kind: "stages" }
  | { kind: "flow" }
  | { kind: "steps" }
  | { kind: "emotions" }
  | { kind: "notes"; lane: "pain_points" | "opportunities" }
  | { kind: "stageItems"; lane: TextLane }
  | { kind: "stepItems"; lane: TextLane }
  | { kind: "visibility" };

export interface GridPlan {
  columns: Column[];
  stages: StageSpan[];
  rows: Row[];
  columnOfStep: Map<string, number>;
}

export function isTextLane(lane: Lane): lane is TextLane {
  return (TEXT_LANES as readonly string[]).includes(lane);
}

export function planGrid(journey: Journey): GridPlan {
  const columns: Column[] = [];
  const stages: StageSpan[] = [];
  const columnOfStep = new Map<string, number>();
  (journey.stages ?? []).forEach((stage, stageIndex) => {
    const start = columns.length;
    const steps = stage.steps ?? [];
    if (steps.length === 0) {
      columns.push({ index: start, stageIndex, stage, step: null, positionInStage: 0 });
    }
    steps.forEach((step, positionInStage) => {
      columnOfStep.set(step.id, columns.length);
      columns.push({ index: columns.length, stageIndex, stage, step, positionInStage });
    });
    stages.push({ stage, index: stageIndex, start, span: columns.length - start });
  });
  return { columns, stages, rows: planRows(journey), columnOfStep };
}

function planRows(journey: Journey): Row[] {
  const lanes = journey.lanes?.length ? [...journey.lanes] : [...DEFAULT_LANES];
  if (!lanes.includes("touchpoints")) lanes.unshift("touchpoints");
  const above = lanes.filter((lane) => !BELOW_LINE.has(lane));
  const below = lanes.filter((lane) => BELOW_LINE.has(lane));
  const rows: Row[] = [{ kind: "stages" }];
  const laneRows = (lane: Lane): Row[] => {
    if (lane === "touchpoints") return [{ kind: "flow" }, { kind: "steps" }];
    if (lane === "emotions") return [{ kind: "emotions" }];
    if (lane === "pain_points" || lane === "opportunities") return [{ kind: "notes", lane }];
    const stageItems = (journey.stages ?? []).some((stage) => (stage.lanes?.[lane]?.length ?? 0) > 0);
    return stageItems ? [{ kind: "stageItems", lane }, { kind: "stepItems", lane }] : [{ kind: "stepItems", lane }];
  };
  for (const lane of above) rows.push(...laneRows(lane));
  if (below.length) rows.push({ kind: "visibility" });
  for (const lane of below) rows.push(...laneRows(lane));
  return rows;
}

export type LinkKind = "sequence" | "next" | "branch" | "loop";

export interface FlowLink {
  from: number;
  to: number;
  fromId: string;
  toId: string;
  kind: LinkKind;
}

/** The arrows between steps: `next` where given, else on to the following step. */
export function flowLinks(plan: GridPlan): FlowLink[] {
  const steps = plan.columns.flatMap((column) => (column.step ? [column.step] : []));
  const links: FlowLink[] = [];
  steps.forEach((step, order) => {
    const from = plan.columnOfStep.get(step.id)!;
    const targets = step.next ?? [];
    if (targets.length === 0) {
      const following = steps[order + 1];
      if (!step.final && following) {
        const to = plan.columnOfStep.get(following.id)!;
        links.push({ from, to, fromId: step.id, toId: following.id, kind: "sequence" });
      }
      return;
    }
    for (const target of targets) {
      const to = plan.columnOfStep.get(target);
      if (to === undefined) continue;
      const kind: LinkKind = to <= from ? "loop" : targets.length > 1 ? "branch" : "next";
      links.push({ from, to, fromId: step.id, toId: target, kind });
    }
  });
  return links;
}
