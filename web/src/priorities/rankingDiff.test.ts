import { describe, expect, it } from "vitest";
import { whatIfQuery } from "./criteria";
import type { SensitivityReport } from "./priorityTypes";
import { anyMoved, moveMark, moveWords, rankMoves, sensitiveJourneys, sensitivityRows } from "./rankingDiff";

const saved = [
  { journey_id: "claims", rank: 1 },
  { journey_id: "renewal", rank: 2 },
  { journey_id: "address", rank: 3 },
];

describe("rank moves between two rankings", () => {
  it("counts places moved up as positive and down as negative", () => {
    const whatIf = [
      { journey_id: "renewal", rank: 1 },
      { journey_id: "address", rank: 2 },
      { journey_id: "claims", rank: 3 },
    ];
    const moves = rankMoves(saved, whatIf);
    expect(moves.get("renewal")).toEqual({ from: 2, to: 1, by: 1 });
    expect(moves.get("address")).toEqual({ from: 3, to: 2, by: 1 });
    expect(moves.get("claims")).toEqual({ from: 1, to: 3, by: -2 });
    expect(anyMoved(moves)).toBe(true);
  });

  it("marks a journey that was not ranked before as new, not as moved", () => {
    const moves = rankMoves(saved, [...saved, { journey_id: "roadside", rank: 4 }]);
    expect(moves.get("roadside")).toEqual({ from: null, to: 4, by: 0 });
    expect(moveWords(moves.get("roadside")!)).toBe("new in the ranking");
    expect(anyMoved(moves)).toBe(false);
  });

  it("writes moves as arrows with numbers and in words", () => {
    expect(moveMark(2)).toBe("↑2");
    expect(moveMark(-1)).toBe("↓1");
    expect(moveMark(0)).toBe("");
    expect(moveWords({ from: 3, to: 1, by: 2 })).toBe("up 2 places (was 3)");
    expect(moveWords({ from: 1, to: 2, by: -1 })).toBe("down 1 place (was 1)");
    expect(moveWords({ from: 2, to: 2, by: 0 })).toBe("rank unchanged");
  });
});

describe("the what-if query", () => {
  const equal = { cost: 1, sales: 1, strategy: 1, frequency: 1, experience: 1 };

  it("is empty while the sliders show the saved weights", () => {
    expect(whatIfQuery({ ...equal }, equal)).toEqual({});
  });

  it("sends every weight once one differs, so the answer never mixes in saved values", () => {
    expect(whatIfQuery({ ...equal, sales: 5 }, equal)).toEqual({ cost: 1, sales: 5, strategy: 1, frequency: 1, experience: 1 });
  });
});

describe("the sensitivity rows", () => {
  const report: SensitivityReport = {
    weights_version: 3,
    sensitivity: {
      delta: 0.2,
      baseline: ["claims", "renewal", "address"],
      shifts: [
        { criterion: "cost", factor: 0.8, moves: [{ subject_id: "renewal", from_rank: 2, to_rank: 1 }, { subject_id: "claims", from_rank: 1, to_rank: 2 }] },
        { criterion: "cost", factor: 1.2, moves: [] },
        { criterion: "sales", factor: 1.2, moves: [{ subject_id: "gone", from_rank: 3, to_rank: 2 }] },
      ],
    },
  };
  const titles = new Map([
    ["claims", "Motor claim"],
    ["renewal", "Policy renewal"],
  ]);

  it("names journeys by title, labels the shift and orders moves by new rank", () => {
    const [down, up, sales] = sensitivityRows(report, titles);
    expect(down!.label).toBe("−20 %");
    expect(down!.moves).toEqual([
      { title: "Policy renewal", from: 2, to: 1, by: 1 },
      { title: "Motor claim", from: 1, to: 2, by: -1 },
    ]);
    expect(up!.label).toBe("+20 %");
    expect(up!.moves).toEqual([]);
    expect(sales!.moves[0]!.title).toBe("gone");
  });

  it("counts each journey that could move once", () => {
    expect(sensitiveJourneys(report)).toBe(3);
  });
});
