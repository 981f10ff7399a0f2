import { describe, expect, it } from "vitest";
import {
  MAX_FLOW_WIDTH,
  MIN_FLOW_WIDTH,
  type OverlayState,
  type StoredMining,
  casesText,
  flowWidth,
  isOn,
  overlayOf,
  overlayReducer,
  percent,
} from "./actualOverlay";

const funnelStep = (step: string, cases: number, share: number, dropOff = 0, exits = 0) => ({
  step,
  name: step,
  cases,
  share,
  exits,
  drop_off: dropOff,
  drop_off_share: cases ? dropOff / cases : 0,
  mean_seconds: null,
  median_seconds: null,
});

/** The shape GET .../actual answers (as `cxmap mine --json` writes it), for 4 cases. */
const STORED = {
  id: "a1",
  journey_id: "j1",
  journey_version: 3,
  recorded_at: "2024-05-04T09:00:00Z",
  recorded_by: null,
  log_name: "may-orders.csv",
  result: {
    cases: 4,
    events: 10,
    start_activities: { "Browses the shop": 4 },
    end_activities: {},
    dfg: [],
    variants: [],
    funnel: {
      steps: [funnelStep("browse", 4, 1, 1, 1), funnelStep("pay", 2, 0.5), funnelStep("deliver", 3, 0.75, 0, 3)],
      by: null,
      groups: [],
    },
    conformance: {
      cases: 4,
      conforming: 1,
      conforming_share: 0.25,
      deviations: [
        { kind: "early_exit", step: "browse", count: 1, cases: 1, examples: ["c3"] },
        { kind: "skipped_step", step: "pay", count: 1, cases: 1, examples: ["c4"] },
        { kind: "unexpected_step", activity: "Calls support", count: 3, cases: 1, examples: ["c2"] },
        { kind: "unexpected_step", activity: "Asks a friend", count: 2, cases: 2, examples: ["c1", "c3"] },
      ],
      transitions: [
        { source: "browse", target: "deliver", count: 1, cases: 1, allowed: false },
        { source: "browse", target: "pay", count: 2, cases: 2, allowed: true },
        { source: "pay", target: "deliver", count: 2, cases: 2, allowed: true },
      ],
    },
  },
} as unknown as StoredMining;

describe("the overlay drawn from a mined event log", () => {
  const overlay = overlayOf(STORED);

  it("takes cases, shares and drop-off per step from the funnel, skips from the conformance", () => {
    expect(overlay.steps.get("browse")).toEqual({ cases: 4, share: 1, dropOff: 1, dropOffShare: 0.25, exits: 1, skipped: 0 });
    expect(overlay.steps.get("pay")).toMatchObject({ cases: 2, share: 0.5, skipped: 1 });
    expect(overlay.steps.get("deliver")).toMatchObject({ cases: 3, dropOff: 0, skipped: 0 });
  });

  it("keeps every move with whether it is allowed, and scales by the busiest", () => {
    expect(overlay.flows.map((flow) => [flow.source, flow.target, flow.count, flow.allowed])).toEqual([
      ["browse", "deliver", 1, false],
      ["browse", "pay", 2, true],
      ["pay", "deliver", 2, true],
    ]);
    expect(overlay.maxFlow).toBe(2);
  });

  it("lists off-journey activities by cases, then by name", () => {
    expect(overlay.unexpected).toEqual([
      { activity: "Asks a friend", count: 2, cases: 2 },
      { activity: "Calls support", count: 3, cases: 1 },
    ]);
  });

  it("carries the totals and where they came from", () => {
    expect([overlay.cases, overlay.events, overlay.conforming, overlay.conformingShare]).toEqual([4, 10, 1, 0.25]);
    expect([overlay.logName, overlay.journeyVersion]).toEqual(["may-orders.csv", 3]);
  });

  it("draws nothing per step for a log mined without funnel or conformance", () => {
    const bare = overlayOf({ ...STORED, result: { ...STORED.result, funnel: undefined, conformance: undefined } } as StoredMining);
    expect([bare.steps.size, bare.flows.length, bare.unexpected.length, bare.maxFlow, bare.conformingShare]).toEqual([0, 0, 0, 1, null]);
  });

  it("makes widths proportional between a hairline and the widest line", () => {
    expect(flowWidth(2, 2)).toBe(MAX_FLOW_WIDTH);
    expect(flowWidth(0, 2)).toBe(MIN_FLOW_WIDTH);
    expect(flowWidth(1, 2)).toBe(6.8);
  });

  it("says shares and cases in words", () => {
    expect([percent(1), percent(0.25), percent(0.034), percent(0)]).toEqual(["100 %", "25 %", "3.4 %", "0 %"]);
    expect([casesText(1), casesText(1200)]).toEqual(["1 case", "1,200 cases"]);
  });
});

describe("the Actual journey switch", () => {
  const off: OverlayState = { mode: "off" };

  it("loads when turned on and shows what arrives", () => {
    const loading = overlayReducer(off, { type: "toggle" });
    expect(loading).toEqual({ mode: "loading" });
    expect(isOn(loading)).toBe(true);
    const shown = overlayReducer(loading, { type: "loaded", stored: STORED });
    expect(shown.mode).toBe("shown");
    expect(shown.mode === "shown" && shown.overlay.cases).toBe(4);
    expect(overlayReducer(shown, { type: "toggle" })).toEqual(off);
  });

  it("asks for a log when there is none, and says why a load failed", () => {
    const loading = overlayReducer(off, { type: "toggle" });
    expect(overlayReducer(loading, { type: "missing" })).toEqual({ mode: "missing" });
    expect(overlayReducer(loading, { type: "failed", message: "boom" })).toEqual({ mode: "failed", message: "boom" });
  });

  it("ignores an answer that arrives after it was switched off again", () => {
    expect(overlayReducer(off, { type: "loaded", stored: STORED })).toBe(off);
    expect(overlayReducer(off, { type: "missing" })).toBe(off);
    expect(overlayReducer(off, { type: "failed", message: "late" })).toBe(off);
  });

  it("shows a newly uploaded log at once, switching itself on", () => {
    for (const state of [off, { mode: "missing" } as OverlayState]) {
      const after = overlayReducer(state, { type: "uploaded", stored: STORED });
      expect(after.mode).toBe("shown");
    }
  });
});
