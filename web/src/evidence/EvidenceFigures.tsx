// The numbers of one step's evidence: sentiment with its interval drawn on a scale, the
// emotion derived from it beside the hand-set one (a contradiction called out in words),
// NPS/CSAT/CES with n, the detected pain reasons, themes with example quotes, departments.
import {
  type MeanWithInterval,
  PAIN_TEXT,
  SCORE_FORMATS,
  SCORE_NAMES,
  type ScoreName,
  type StepEvidence,
  describeMean,
  emotionDisagreement,
  formatN,
  formatNumber,
  formatScore,
  scalePercent,
  sentimentTone,
} from "./evidenceFormat";

/** A mean on its scale: the interval as a band, the mean as a tick, zero marked. */
export function IntervalBar({ value, min, max, label }: { value: MeanWithInterval; min: number; max: number; label: string }) {
  const low = value.interval ? scalePercent(value.interval.low, min, max) : null;
  const high = value.interval ? scalePercent(value.interval.high, min, max) : null;
  const zero = min < 0 && max > 0 ? scalePercent(0, min, max) : null;
  return (
    <div className="interval-bar" role="img" aria-label={`${label}: ${describeMean(value)}`}>
      {zero != null && <span className="interval-zero" style={{ left: `${zero}%` }} />}
      {low != null && high != null && <span className="interval-band" style={{ left: `${low}%`, width: `${Math.max(high - low, 0.8)}%` }} />}
      <span className={`interval-mean tone-${sentimentTone(value.mean / Math.max(Math.abs(min), Math.abs(max)))}`} style={{ left: `${scalePercent(value.mean, min, max)}%` }} />
    </div>
  );
}

function EmotionComparison({ found, handSet, onUse }: { found: StepEvidence; handSet: number | null | undefined; onUse?: (value: number) => void }) {
  const derived = found.emotion;
  if (!derived) return null;
  const disagreement = emotionDisagreement(handSet, derived);
  const rounded = Math.max(-2, Math.min(2, Math.round(derived.mean)));
  return (
    <section className="evidence-block" aria-labelledby="derived-emotion-title">
      <h4 id="derived-emotion-title">Emotion</h4>
      <dl className="emotion-compare">
        <div>
          <dt>From evidence</dt>
          <dd data-testid="derived-emotion">
            <strong className={`tone-text-${sentimentTone(derived.mean)}`}>{formatNumber(derived.mean, 1, true)}</strong>{" "}
            <span className="muted small">
              {derived.interval ? `95 % CI ${formatNumber(derived.interval.low, 1, true)} to ${formatNumber(derived.interval.high, 1, true)}, ` : ""}
              {formatN(derived.n)}
            </span>
          </dd>
        </div>
        <div>
          <dt>Set by hand</dt>
          <dd>{handSet == null ? <span className="muted">Not set: the map shows the evidence's (hollow point)</span> : formatNumber(handSet, 0, true)}</dd>
        </div>
      </dl>
      <IntervalBar value={derived} min={-2} max={2} label="Emotion from evidence" />
      {disagreement && (
        <p className="disagreement" role="note" data-testid="emotion-disagreement">
          <strong>≠ The evidence disagrees.</strong> {disagreement}
        </p>
      )}
      {onUse && (handSet == null || disagreement) && (
        <button type="button" className="button small" onClick={() => onUse(rounded)}>
          Set the emotion to {formatNumber(rounded, 0, true)} (the evidence, rounded)
        </button>
      )}
    </section>
  );
}

function Scores({ found }: { found: StepEvidence }) {
  const names = (Object.keys(SCORE_FORMATS) as ScoreName[]).filter((name) => found[name]);
  if (!names.length) return null;
  return (
    <section className="evidence-block" aria-label="Survey scores">
      <h4>Scores</h4>
      <ul className="score-cards">
        {names.map((name) => {
          const value = found[name]!;
          return (
            <li key={name} className="score-card" data-testid={`score-${name}`} title={SCORE_NAMES[name].long}>
              <span className="score-name">{SCORE_NAMES[name].short}</span>
              <span className="score-value">{formatScore(name, value)}</span>
              <span className="score-n">{formatN(value.n)}</span>
              {value.interval && (
                <span className="score-ci">
                  95 % CI {formatNumber(value.interval.low, SCORE_FORMATS[name].digits, SCORE_FORMATS[name].signed)} to{" "}
                  {formatNumber(value.interval.high, SCORE_FORMATS[name].digits, SCORE_FORMATS[name].signed)}
                  {SCORE_FORMATS[name].unit}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function EvidenceFigures({ found, handSet, onUseEmotion }: { found: StepEvidence; handSet: number | null | undefined; onUseEmotion?: (value: number) => void }) {
  const sentiment = found.sentiment;
  const pain = found.pain ?? [];
  const themes = found.themes ?? [];
  const departments = found.departments ?? [];
  return (
    <>
      {sentiment && (
        <section className="evidence-block" aria-labelledby="sentiment-title">
          <h4 id="sentiment-title">Sentiment</h4>
          <p className="sentiment-line" data-testid="sentiment-summary">
            <strong className={`tone-text-${sentimentTone(sentiment.mean)}`}>{formatNumber(sentiment.mean, 2, true)}</strong>{" "}
            <span className="muted small">
              {sentiment.interval
                ? `95 % CI ${formatNumber(sentiment.interval.low, 2, true)} to ${formatNumber(sentiment.interval.high, 2, true)}, `
                : "too few for an interval, "}
              {formatN(sentiment.n)} · VADER, −1 to +1
            </span>
          </p>
          <IntervalBar value={sentiment} min={-1} max={1} label="Sentiment" />
        </section>
      )}
      <EmotionComparison found={found} handSet={handSet} onUse={onUseEmotion} />
      <Scores found={found} />
      {pain.length > 0 && (
        <section className="evidence-block pain-block" aria-labelledby="pain-title" data-testid="pain-reasons">
          <h4 id="pain-title">
            <span aria-hidden="true">▼</span> Pain point detected
          </h4>
          <ul>
            {pain.map((reason) => (
              <li key={reason}>{PAIN_TEXT[reason]}</li>
            ))}
          </ul>
        </section>
      )}
      {themes.length > 0 && (
        <section className="evidence-block" aria-labelledby="themes-title">
          <h4 id="themes-title">Themes</h4>
          <ul className="theme-list">
            {themes.map((theme) => (
              <li key={theme.phrase}>
                <details>
                  <summary>
                    <span className="theme-phrase">{theme.phrase}</span> <span className="muted small">× {theme.count}</span>
                  </summary>
                  <ul className="theme-quotes">
                    {theme.quotes.map((quote) => (
                      <li key={quote.evidence_id}>
                        <blockquote>{quote.text}</blockquote>
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
        </section>
      )}
      {departments.length > 0 && (
        <section className="evidence-block" aria-labelledby="departments-title">
          <h4 id="departments-title">Departments</h4>
          <table className="department-table">
            <thead>
              <tr>
                <th scope="col">Department</th>
                <th scope="col">Items</th>
                <th scope="col">Kinds</th>
                <th scope="col">Sentiment</th>
              </tr>
            </thead>
            <tbody>
              {departments.map((share) => (
                <tr key={share.department}>
                  <th scope="row">{share.department || <span className="muted">Not named</span>}</th>
                  <td>{share.items}</td>
                  <td>
                    {Object.entries(share.kinds)
                      .map(([kind, count]) => `${kind} ${count}`)
                      .join(", ")}
                  </td>
                  <td>{share.mean_sentiment == null ? "–" : formatNumber(share.mean_sentiment, 2, true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
