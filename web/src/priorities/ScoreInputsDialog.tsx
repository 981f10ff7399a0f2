// Entering a journey's score inputs: cost, sales and strategy are always typed in;
// frequency and experience may be typed in too, but the event log and the evidence win
// when they exist (the dialog says so beside the field). An empty field is "missing".
import { type FormEvent, useEffect, useState } from "react";
import { api, ifMatch, unwrap } from "../api/client";
import { ApiError, StaleVersionError, describeProblems } from "../api/errors";
import { Dialog } from "../ui/Dialog";
import { CRITERIA, SOURCE_NAMES } from "./criteria";
import type { Criterion, RankedScore, ScoreInputs, StoredInputs } from "./priorityTypes";

interface Props {
  workspaceId: string;
  journey: RankedScore | null;
  currency: string;
  period: string;
  onClose: () => void;
  onSaved: () => void;
}

type Texts = Record<Criterion, string>;

const EMPTY: Texts = { cost: "", sales: "", strategy: "", frequency: "", experience: "" };

function textsOf(inputs: ScoreInputs): Texts {
  return Object.fromEntries(
    CRITERIA.map((criterion) => {
      const found = inputs[criterion.input];
      return [criterion.id, found ? String(found.value) : ""];
    }),
  ) as Texts;
}

/** The typed values as the journey's inputs; an empty field is missing, a bad one an error. */
export function inputsOf(texts: Texts, before: ScoreInputs): { inputs: ScoreInputs; problems: string[] } {
  const inputs: ScoreInputs = {};
  const problems: string[] = [];
  for (const criterion of CRITERIA) {
    const text = texts[criterion.id].trim().replace(",", ".");
    if (!text) continue;
    const value = Number(text);
    if (!Number.isFinite(value)) {
      problems.push(`${criterion.name}: “${text}” is not a number`);
      continue;
    }
    const kept = before[criterion.input];
    inputs[criterion.input] = { value, source: "entered", note: kept && kept.value === value ? kept.note : "" };
  }
  return { inputs, problems };
}

export function ScoreInputsDialog({ workspaceId, journey, currency, period, onClose, onSaved }: Props) {
  const [stored, setStored] = useState<StoredInputs | null>(null);
  const [texts, setTexts] = useState<Texts>(EMPTY);
  const [problems, setProblems] = useState<string[]>([]);
  const [stale, setStale] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const journeyId = journey?.journey_id;

  useEffect(() => {
    if (!journeyId) return;
    let live = true;
    setStored(null);
    setProblems([]);
    setStale(null);
    unwrap(
      api.GET("/workspaces/{workspace_id}/journeys/{journey_id}/score-inputs", {
        params: { path: { workspace_id: workspaceId, journey_id: journeyId } },
      }),
    )
      .then(({ data }) => {
        if (!live) return;
        setStored(data);
        setTexts(textsOf(data.inputs.journey ?? {}));
      })
      .catch((failure: unknown) => live && setProblems([failure instanceof Error ? failure.message : String(failure)]));
    return () => {
      live = false;
    };
  }, [workspaceId, journeyId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!stored || !journeyId) return;
    const { inputs, problems: typed } = inputsOf(texts, stored.inputs.journey ?? {});
    if (typed.length) {
      setProblems(typed);
      return;
    }
    setBusy(true);
    try {
      await unwrap(
        api.PUT("/workspaces/{workspace_id}/journeys/{journey_id}/score-inputs", {
          params: { path: { workspace_id: workspaceId, journey_id: journeyId }, header: ifMatch(stored.version) },
          body: { journey: inputs, parts: stored.inputs.parts ?? {} },
        }),
      );
      onSaved();
    } catch (failure) {
      if (failure instanceof StaleVersionError) {
        setStale("Someone else changed these inputs since you opened them; yours were not saved. Close and open again to see theirs.");
      } else if (failure instanceof ApiError && failure.problems.length) setProblems(describeProblems(failure));
      else setProblems([failure instanceof Error ? failure.message : String(failure)]);
    } finally {
      setBusy(false);
    }
  };

  const used = new Map((journey?.score.contributions ?? []).map((part) => [part.criterion, part]));
  return (
    <Dialog open={journey !== null} title={journey ? `Score inputs · ${journey.title}` : "Score inputs"} onClose={onClose} wide>
      {!stored && problems.length === 0 ? (
        <p className="muted">Loading…</p>
      ) : (
        <form className="form inputs-form" onSubmit={submit}>
          <p className="muted small">Leave a field empty when the value is not known: it is shown as missing and left out of the score, never counted as zero.</p>
          {CRITERIA.map((criterion) => {
            const part = used.get(criterion.id);
            const typed = stored?.inputs.journey?.[criterion.input];
            const derived = part && !part.missing && part.raw !== null && (part.source !== "entered" || !typed);
            return (
              <label key={criterion.id} className="input-field">
                <span className="input-name">
                  <span className="swatch" aria-hidden="true" style={{ background: criterion.colour }} />
                  {criterion.name}
                  <span className="input-unit">{criterion.unit(currency, period)}</span>
                </span>
                <input
                  inputMode="decimal"
                  value={texts[criterion.id]}
                  placeholder="missing"
                  aria-describedby={`means-${criterion.id}`}
                  onChange={(event) => setTexts((before) => ({ ...before, [criterion.id]: event.target.value }))}
                />
                <span id={`means-${criterion.id}`} className="input-means">
                  {criterion.means}.
                  {derived && (
                    <>
                      {" "}
                      <strong>
                        Used now: {Number(part.raw!.toFixed(2))} {part.source === "entered" ? "from the steps" : SOURCE_NAMES[part.source!]}
                      </strong>
                      {part.source === "entered" ? " (their entered experience or the emotions on the map)." : " (the data wins over a typed value)."}
                    </>
                  )}
                </span>
              </label>
            );
          })}
          {stale && (
            <p className="form-error" role="alert">
              {stale}
            </p>
          )}
          {problems.length > 0 && (
            <div className="form-error" role="alert">
              {problems.join(" · ")}
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={busy || !stored}>
              Save inputs
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
