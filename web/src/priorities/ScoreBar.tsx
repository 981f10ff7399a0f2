// A score 1..100 as a stacked bar: each criterion's points as a segment that carries its
// name and points as text (colour is never the only signal), and below it every criterion
// with its points, or "missing" when its input is not known (left out, never zero).
import { CRITERIA, SOURCE_NAMES } from "./criteria";
import type { Contribution, Score } from "./priorityTypes";

/** Segments narrower than this (in points) show their label in the legend only. */
const LABEL_MIN_POINTS = 11;

export function points(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}

export function describeScore(score: Score): string {
  if (score.value === null) return "No score: every input with a weight is missing.";
  const parts = contributionsOf(score)
    .filter((part) => !part.missing)
    .map((part) => `${nameOf(part)} ${points(part.points)} points`);
  const missing = contributionsOf(score)
    .filter((part) => part.missing)
    .map((part) => nameOf(part).toLowerCase());
  return (
    `Score ${score.value} of 100` +
    (parts.length ? `: ${parts.join(", ")}` : "") +
    (missing.length ? `; missing: ${missing.join(", ")}` : "")
  );
}

function contributionsOf(score: Score): Contribution[] {
  const byCriterion = new Map((score.contributions ?? []).map((part) => [part.criterion, part]));
  return CRITERIA.flatMap((criterion) => {
    const found = byCriterion.get(criterion.id);
    return found ? [found] : [];
  });
}

function nameOf(part: Contribution): string {
  return CRITERIA.find((criterion) => criterion.id === part.criterion)?.name ?? part.criterion;
}

function colourOf(part: Contribution): string {
  return CRITERIA.find((criterion) => criterion.id === part.criterion)?.colour ?? "#5b6675";
}

export function ScoreBar({ score, legend = true }: { score: Score; legend?: boolean }) {
  const parts = contributionsOf(score);
  return (
    <div className="score-breakdown">
      <div className="score-bar" role="img" aria-label={describeScore(score)} title={score.formula}>
        {parts
          .filter((part) => !part.missing && part.points > 0)
          .map((part) => (
            <span
              key={part.criterion}
              className="score-segment"
              data-criterion={part.criterion}
              style={{ width: `${part.points}%`, background: colourOf(part) }}
              title={`${nameOf(part)}: ${points(part.points)} points — ${part.formula}`}
            >
              {part.points >= LABEL_MIN_POINTS && (
                <span aria-hidden="true">
                  {nameOf(part)} {points(part.points)}
                </span>
              )}
            </span>
          ))}
      </div>
      {legend && (
        <ul className="score-parts" aria-label="Contribution of each criterion">
          {parts.map((part) => (
            <li
              key={part.criterion}
              className={part.missing ? "score-part missing" : "score-part"}
              data-testid={`part-${part.criterion}`}
              title={part.formula}
            >
              <span
                className="swatch"
                aria-hidden="true"
                style={part.missing ? undefined : { background: colourOf(part) }}
              />
              <span className="part-name">{nameOf(part)}</span>{" "}
              {part.missing ? (
                <span className="part-missing">missing</span>
              ) : (
                <>
                  <strong>{points(part.points)}</strong>
                  {part.source && part.source !== "entered" && (
                    <span className="part-source"> {SOURCE_NAMES[part.source]}</span>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
