// How a ranking moved: from the saved weights to a what-if, or under the sensitivity
// view's ±20 %. Moves are told as text (↑2, "up 2 places"), never by colour alone.
import type { Criterion, RankedScore, SensitivityReport } from "./priorityTypes";

export interface RankMove {
  /** Rank before (null: the journey was not ranked before). */
  from: number | null;
  to: number;
  /** Places moved up (negative: down, 0: stayed). */
  by: number;
}

type Ranked = Pick<RankedScore, "journey_id" | "rank">;

/** Each journey of `after` with its move from `before`, by journey id. */
export function rankMoves(before: readonly Ranked[], after: readonly Ranked[]): Map<string, RankMove> {
  const was = new Map(before.map((item) => [item.journey_id, item.rank]));
  return new Map(
    after.map((item) => {
      const from = was.get(item.journey_id) ?? null;
      return [item.journey_id, { from, to: item.rank, by: from === null ? 0 : from - item.rank }];
    }),
  );
}

/** "↑2", "↓1", or "" for no move. */
export function moveMark(by: number): string {
  if (by > 0) return `↑${by}`;
  if (by < 0) return `↓${-by}`;
  return "";
}

/** The move in words, for screen readers and tooltips. */
export function moveWords(move: RankMove): string {
  if (move.from === null) return "new in the ranking";
  if (move.by === 0) return "rank unchanged";
  const places = Math.abs(move.by) === 1 ? "place" : "places";
  return `${move.by > 0 ? "up" : "down"} ${Math.abs(move.by)} ${places} (was ${move.from})`;
}

/** True when any journey changed place. */
export function anyMoved(moves: Map<string, RankMove>): boolean {
  for (const move of moves.values()) if (move.by !== 0) return true;
  return false;
}

export interface ShiftRow {
  criterion: Criterion;
  /** "−20 %" or "+20 %". */
  label: string;
  factor: number;
  moves: { title: string; from: number; to: number; by: number }[];
}

/** The sensitivity report as rows people read: one per criterion and direction, with the
 * journeys named (the report names them by slug; `titles` maps slug to title). */
export function sensitivityRows(report: SensitivityReport, titles: ReadonlyMap<string, string>): ShiftRow[] {
  return report.sensitivity.shifts.map((shift) => {
    const percent = Math.round((shift.factor - 1) * 100);
    return {
      criterion: shift.criterion,
      label: `${percent < 0 ? "−" : "+"}${Math.abs(percent)} %`,
      factor: shift.factor,
      moves: shift.moves
        .map((move) => ({
          title: titles.get(move.subject_id) ?? move.subject_id,
          from: move.from_rank,
          to: move.to_rank,
          by: move.from_rank - move.to_rank,
        }))
        .sort((a, b) => a.to - b.to),
    };
  });
}

/** How many journeys could change rank at all under any single ±delta move. */
export function sensitiveJourneys(report: SensitivityReport): number {
  const moved = new Set<string>();
  for (const shift of report.sensitivity.shifts) for (const move of shift.moves) moved.add(move.subject_id);
  return moved.size;
}
