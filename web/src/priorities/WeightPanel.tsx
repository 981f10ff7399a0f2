// The five weight sliders. Moving one asks the server for a what-if ranking at once;
// nothing is saved until an editor presses "Save weights" (sent with If-Match).
import { CRITERIA, weightShares } from "./criteria";
import type { Criterion, ScoreWeights } from "./priorityTypes";

export const WEIGHT_MAX = 5;
export const WEIGHT_STEP = 0.25;

interface Props {
  draft: ScoreWeights;
  savedVersion: number;
  dirty: boolean;
  noWeight: boolean;
  canEdit: boolean;
  saving: boolean;
  onChange: (criterion: Criterion, value: number) => void;
  onReset: () => void;
  onSave: () => void;
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

export function WeightPanel({ draft, savedVersion, dirty, noWeight, canEdit, saving, onChange, onReset, onSave }: Props) {
  const shares = weightShares(draft);
  return (
    <section className="weight-panel" aria-labelledby="weights-title">
      <header className="weight-head">
        <h2 id="weights-title">Weights</h2>
        <span className={`weight-state ${dirty ? "what-if" : "saved"}`} data-testid="weight-state" role="status">
          {dirty ? "What-if · not saved" : `Saved · version ${savedVersion}`}
        </span>
      </header>
      <p className="muted small">How much each criterion counts. Only the ratios matter; the ranking follows as you move them.</p>
      <div className="weight-list">
        {CRITERIA.map((criterion) => {
          const value = draft[criterion.id];
          const id = `weight-${criterion.id}`;
          return (
            <div className="weight-row" key={criterion.id}>
              <div className="weight-label">
                <span className="swatch" aria-hidden="true" style={{ background: criterion.colour }} />
                <label htmlFor={id}>{criterion.name}</label>
                <output htmlFor={id} className="weight-value">
                  {value.toFixed(2)}× <span className="muted">· {percent(shares[criterion.id])}</span>
                </output>
              </div>
              <input
                id={id}
                type="range"
                min={0}
                max={WEIGHT_MAX}
                step={WEIGHT_STEP}
                value={value}
                aria-valuetext={`${value.toFixed(2)} times, ${percent(shares[criterion.id])} of the score`}
                aria-describedby={`${id}-means`}
                onChange={(event) => onChange(criterion.id, Number(event.target.value))}
                style={{ accentColor: criterion.colour }}
              />
              <span id={`${id}-means`} className="weight-means">
                {criterion.means}
              </span>
            </div>
          );
        })}
      </div>
      {noWeight && (
        <p className="form-error" role="alert">
          At least one weight must be above 0.
        </p>
      )}
      <div className="weight-actions">
        <button type="button" className="button" onClick={onReset} disabled={!dirty}>
          Reset
        </button>
        {canEdit && (
          <button type="button" className="button primary" onClick={onSave} disabled={!dirty || noWeight || saving}>
            {saving ? "Saving…" : "Save weights"}
          </button>
        )}
      </div>
      {!canEdit && <p className="muted small">Your role lets you try weights; an editor saves them for the team.</p>}
    </section>
  );
}
