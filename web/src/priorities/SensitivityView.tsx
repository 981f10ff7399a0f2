// How robust the ranking is: for each weight moved by −20 % and +20 % (one at a time),
// the journeys that would change place. No moves anywhere means the team can trust the
// order even if they are unsure of the exact weights.
import { criterionInfo } from "./criteria";
import type { SensitivityReport } from "./priorityTypes";
import { moveMark, sensitiveJourneys, sensitivityRows } from "./rankingDiff";

interface Props {
  report: SensitivityReport | null;
  titles: ReadonlyMap<string, string>;
}

export function SensitivityView({ report, titles }: Props) {
  if (!report) {
    return (
      <section className="sensitivity" aria-labelledby="sensitivity-title">
        <h2 id="sensitivity-title">Sensitivity</h2>
        <p className="muted">Working out which ranks would change…</p>
      </section>
    );
  }
  const rows = sensitivityRows(report, titles);
  const delta = Math.round(report.sensitivity.delta * 100);
  const moving = sensitiveJourneys(report);
  const byCriterion = new Map<string, typeof rows>();
  for (const row of rows) byCriterion.set(row.criterion, [...(byCriterion.get(row.criterion) ?? []), row].sort((a, b) => a.factor - b.factor));
  return (
    <section className="sensitivity" aria-labelledby="sensitivity-title" data-testid="sensitivity">
      <div className="section-head">
        <h2 id="sensitivity-title">Sensitivity</h2>
        <p className={`sensitivity-verdict ${moving ? "shaky" : "robust"}`}>
          <span aria-hidden="true">{moving ? "⚠" : "✓"}</span>{" "}
          {moving
            ? `${moving} ${moving === 1 ? "journey changes" : "journeys change"} rank if a weight moves ±${delta} %`
            : `Robust: no rank changes if any weight moves ±${delta} %`}
        </p>
      </div>
      <table className="sensitivity-table">
        <caption className="visually-hidden">Rank changes when one weight moves by −{delta} % or +{delta} %</caption>
        <thead>
          <tr>
            <th scope="col">Weight</th>
            <th scope="col">−{delta} %</th>
            <th scope="col">+{delta} %</th>
          </tr>
        </thead>
        <tbody>
          {[...byCriterion.entries()].map(([criterion, shifts]) => (
            <tr key={criterion}>
              <th scope="row">
                <span className="swatch" aria-hidden="true" style={{ background: criterionInfo(shifts[0]!.criterion).colour }} />
                {criterionInfo(shifts[0]!.criterion).name}
              </th>
              {shifts.map((shift) => (
                <td key={shift.label}>
                  {shift.moves.length === 0 ? (
                    <span className="muted">No change</span>
                  ) : (
                    <ul className="shift-moves">
                      {shift.moves.map((move) => (
                        <li key={move.title}>
                          <span className={`rank-move ${move.by > 0 ? "up" : "down"}`}>{moveMark(move.by)}</span> {move.title}{" "}
                          <span className="muted small">
                            ({move.from} → {move.to})
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
