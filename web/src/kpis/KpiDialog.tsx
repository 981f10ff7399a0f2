// Defining a key metric: which journey and step(s) it is measured at, its kind, and the
// target (with whether higher or lower is better; the kind suggests which).
import { type FormEvent, useEffect, useState } from "react";
import { api, unwrap } from "../api/client";
import { ApiError, describeProblems } from "../api/errors";
import type { JourneySummary } from "../api/types";
import { type JourneyLookup, loadLookup } from "../priorities/journeyLookup";
import type { Kpi, KpiKind, StoredKpi } from "../priorities/priorityTypes";
import { Dialog } from "../ui/Dialog";
import { KIND_INFO, kpiId } from "./kpiText";

interface Props {
  open: boolean;
  workspaceId: string;
  journeys: JourneySummary[];
  journeyId: string | null;
  taken: ReadonlySet<string>;
  onClose: () => void;
  onCreated: (kpi: StoredKpi) => void;
}

export function KpiDialog({ open, workspaceId, journeys, journeyId, taken, onClose, onCreated }: Props) {
  const [journey, setJourney] = useState("");
  const [lookup, setLookup] = useState<JourneyLookup | null>(null);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<KpiKind>("nps_at_step");
  const [step, setStep] = useState("");
  const [toStep, setToStep] = useState("");
  const [target, setTarget] = useState("");
  const [lower, setLower] = useState(false);
  const [unit, setUnit] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const firstJourney = journeys[0]?.id ?? "";
  useEffect(() => {
    if (!open) return;
    setJourney(journeyId ?? firstJourney);
    setName("");
    setTarget("");
    setProblems([]);
  }, [open, journeyId, firstJourney]);

  useEffect(() => {
    if (!journey) return;
    let live = true;
    loadLookup(workspaceId, journey)
      .then((found) => {
        if (!live) return;
        setLookup(found);
        const first = found.stages.flatMap((stage) => stage.steps)[0]?.id ?? "";
        setStep(first);
        setToStep(found.stages.flatMap((stage) => stage.steps).at(-1)?.id ?? "");
      })
      .catch(() => live && setLookup(null));
    return () => {
      live = false;
    };
  }, [workspaceId, journey]);

  const info = KIND_INFO[kind];
  const steps = lookup?.stages.flatMap((stage) => stage.steps.map((item) => ({ ...item, stage: stage.name }))) ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const slug = journeys.find((item) => item.id === journey)?.slug ?? lookup?.slug;
    if (!slug) return;
    const typed = target.trim().replace(",", ".");
    if (typed && !Number.isFinite(Number(typed))) {
      setProblems([`Target: “${target}” is not a number`]);
      return;
    }
    const body: Kpi = {
      id: kpiId(name, taken),
      name: name.trim(),
      kind,
      journey: slug,
      ...(info.twoSteps ? { from_step: step, to_step: toStep } : { step }),
      target: typed ? Number(typed) : null,
      direction: lower ? "lower_is_better" : "higher_is_better",
      unit: unit.trim(),
    };
    setBusy(true);
    try {
      const { data } = await unwrap(api.POST("/workspaces/{workspace_id}/kpis", { params: { path: { workspace_id: workspaceId } }, body }));
      onCreated(data);
    } catch (failure) {
      if (failure instanceof ApiError && failure.problems.length) setProblems(describeProblems(failure));
      else setProblems([failure instanceof Error ? failure.message : String(failure)]);
    } finally {
      setBusy(false);
    }
  };

  const stepOptions = steps.map((item) => (
    <option key={item.id} value={item.id}>
      {item.stage} › {item.name}
    </option>
  ));
  return (
    <Dialog open={open} title="New key metric" onClose={onClose} wide>
      <form className="form" onSubmit={submit}>
        <label>
          Name
          <input value={name} onChange={(event) => setName(event.target.value)} required autoFocus placeholder="e.g. NPS after installation" />
        </label>
        <div className="field-row">
          <label>
            Journey
            <select value={journey} onChange={(event) => setJourney(event.target.value)} required>
              {journeys.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            Measures
            <select
              value={kind}
              onChange={(event) => {
                const chosen = event.target.value as KpiKind;
                setKind(chosen);
                setLower(KIND_INFO[chosen].lowerIsBetter);
              }}
            >
              {Object.entries(KIND_INFO).map(([id, item]) => (
                <option key={id} value={id}>
                  {item.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        {info.twoSteps ? (
          <div className="field-row">
            <label>
              From step
              <select value={step} onChange={(event) => setStep(event.target.value)} required>
                {stepOptions}
              </select>
            </label>
            <label>
              To step
              <select value={toStep} onChange={(event) => setToStep(event.target.value)} required>
                {stepOptions}
              </select>
            </label>
          </div>
        ) : (
          <label>
            Step
            <select value={step} onChange={(event) => setStep(event.target.value)} required>
              {stepOptions}
            </select>
          </label>
        )}
        {lookup && steps.length === 0 && <p className="form-error">This journey has no steps yet: add them on the map first.</p>}
        <div className="field-row three">
          <label>
            <span>
              Target <span className="optional">(optional)</span>
            </span>
            <input inputMode="decimal" value={target} onChange={(event) => setTarget(event.target.value)} placeholder="e.g. 30" />
          </label>
          <label>
            Better when
            <select value={lower ? "lower" : "higher"} onChange={(event) => setLower(event.target.value === "lower")}>
              <option value="higher">Higher</option>
              <option value="lower">Lower</option>
            </select>
          </label>
          <label>
            <span>
              Unit <span className="optional">(optional)</span>
            </span>
            <input value={unit} onChange={(event) => setUnit(event.target.value)} placeholder={info.unit} />
          </label>
        </div>
        {problems.length > 0 && (
          <div className="form-error" role="alert">
            {problems.join(" · ")}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || !steps.length}>
            Add metric
          </button>
        </div>
      </form>
    </Dialog>
  );
}
