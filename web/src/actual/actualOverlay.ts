// The actual journey over the desired one: what the canvas draws from the newest mined
// event log (GET .../actual). `overlayOf` mirrors the server's `journey_overlay` (step
// counts and drop-off from the funnel; transitions, off-journey activities and skipped
// steps from the conformance), so the canvas and the exported map show the same numbers.
// `overlayReducer` is the switch's state: off, loading, no log yet, shown, or failed.
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type StoredMining = Schemas["StoredMining"];
export type MiningResult = Schemas["MiningResult"];

export interface StepActual {
  cases: number;
  share: number;
  dropOff: number;
  dropOffShare: number;
  exits: number;
  /** Cases that jumped over this step on their way (the desired path runs through it). */
  skipped: number;
}

export interface ActualFlow {
  source: string;
  target: string;
  count: number;
  cases: number;
  /** False: a move the desired journey does not allow. */
  allowed: boolean;
}

export interface OffJourneyActivity {
  activity: string;
  count: number;
  cases: number;
}

export interface ActualOverlay {
  cases: number;
  events: number;
  conforming: number | null;
  conformingShare: number | null;
  steps: Map<string, StepActual>;
  flows: ActualFlow[];
  unexpected: OffJourneyActivity[];
  /** The largest flow's count, to scale widths by (at least 1). */
  maxFlow: number;
  logName: string | null;
  recordedAt: string;
  journeyVersion: number;
}

export function overlayOf(stored: StoredMining): ActualOverlay {
  const result = stored.result;
  const steps = new Map<string, StepActual>();
  for (const step of result.funnel?.steps ?? []) {
    steps.set(step.step, {
      cases: step.cases,
      share: step.share,
      dropOff: step.drop_off,
      dropOffShare: step.drop_off_share,
      exits: step.exits,
      skipped: 0,
    });
  }
  const unexpected: OffJourneyActivity[] = [];
  for (const deviation of result.conformance?.deviations ?? []) {
    if (deviation.kind === "unexpected_step" && deviation.activity) {
      unexpected.push({ activity: deviation.activity, count: deviation.count, cases: deviation.cases });
    } else if (deviation.kind === "skipped_step" && deviation.step) {
      const step = steps.get(deviation.step);
      if (step) step.skipped = deviation.cases;
    }
  }
  const flows = (result.conformance?.transitions ?? []).map((move) => ({
    source: move.source,
    target: move.target,
    count: move.count,
    cases: move.cases,
    allowed: move.allowed,
  }));
  return {
    cases: result.cases,
    events: result.events,
    conforming: result.conformance?.conforming ?? null,
    conformingShare: result.conformance?.conforming_share ?? null,
    steps,
    flows,
    unexpected: unexpected.sort((a, b) => b.cases - a.cases || a.activity.localeCompare(b.activity)),
    maxFlow: Math.max(1, ...flows.map((flow) => flow.count)),
    logName: stored.log_name ?? null,
    recordedAt: stored.recorded_at,
    journeyVersion: stored.journey_version,
  };
}

export const MIN_FLOW_WIDTH = 1.5;
export const MAX_FLOW_WIDTH = 12;

/** A flow's stroke width: by its share of the largest flow, never thinner than a hairline. */
export function flowWidth(count: number, maxFlow: number): number {
  const share = maxFlow > 0 ? count / maxFlow : 0;
  return Math.round((MIN_FLOW_WIDTH + (MAX_FLOW_WIDTH - MIN_FLOW_WIDTH) * share) * 10) / 10;
}

export function percent(share: number): string {
  const value = share * 100;
  return `${value >= 10 || value === 0 ? Math.round(value) : value.toFixed(1)} %`;
}

export function casesText(cases: number): string {
  return `${cases.toLocaleString("en-GB")} ${cases === 1 ? "case" : "cases"}`;
}

export type OverlayState =
  | { mode: "off" }
  | { mode: "loading" }
  | { mode: "missing" }
  | { mode: "shown"; overlay: ActualOverlay }
  | { mode: "failed"; message: string };

export type OverlayAction =
  | { type: "toggle" }
  | { type: "loaded"; stored: StoredMining }
  | { type: "uploaded"; stored: StoredMining }
  | { type: "missing" }
  | { type: "failed"; message: string };

/** The switch: turning it on starts a load; answers that arrive after it was turned off
 *  are ignored, and a newly uploaded log is shown at once (the switch turns on). */
export function overlayReducer(state: OverlayState, action: OverlayAction): OverlayState {
  switch (action.type) {
    case "toggle":
      return state.mode === "off" ? { mode: "loading" } : { mode: "off" };
    case "loaded":
      return state.mode === "off" ? state : { mode: "shown", overlay: overlayOf(action.stored) };
    case "uploaded":
      return { mode: "shown", overlay: overlayOf(action.stored) };
    case "missing":
      return state.mode === "off" ? state : { mode: "missing" };
    case "failed":
      return state.mode === "off" ? state : { mode: "failed", message: action.message };
  }
}

export function isOn(state: OverlayState): boolean {
  return state.mode !== "off";
}
