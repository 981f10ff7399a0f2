// Adding an action by hand (or from a prioritised pain point), and editing one: title,
// description, owner, due date, status. What it is about (journey, stage, step, the
// insight it fixes) is chosen when it is made and shown read-only afterwards.
import { type FormEvent, useEffect, useState } from "react";
import { ApiError, StaleVersionError, describeProblems } from "../api/errors";
import type { JourneySummary } from "../api/types";
import { type JourneyLookup, loadLookup } from "../priorities/journeyLookup";
import type { ActionEdit, ActionKind, ActionStatus, NewAction, StoredAction } from "../priorities/priorityTypes";
import { Dialog } from "../ui/Dialog";
import { createAction, editAction } from "./actionCalls";
import { COLUMNS, KIND_NAMES } from "./boardState";

/** What a new action starts with (from a priority item, or the board's journey filter). */
export interface ActionDraft {
  journeyId?: string;
  kind?: ActionKind;
  title?: string;
  stage?: string | null;
  step?: string | null;
  fixes?: string | null;
}

interface Props {
  workspaceId: string;
  /** An action to edit, or a draft of a new one; null when closed. */
  subject: { action: StoredAction } | { draft: ActionDraft } | null;
  journeys: JourneySummary[];
  onClose: () => void;
  onSaved: (action: StoredAction, created: boolean) => void;
  /** The action changed on the server meanwhile: the board reads it again. */
  onStale?: () => void;
}

interface Fields {
  journeyId: string;
  kind: ActionKind;
  title: string;
  description: string;
  stage: string;
  step: string;
  fixes: string;
  owner: string;
  due: string;
  status: ActionStatus;
}

function fieldsOf(subject: NonNullable<Props["subject"]>, journeys: JourneySummary[]): Fields {
  if ("action" in subject) {
    const action = subject.action;
    return {
      journeyId: action.journey_id,
      kind: action.kind,
      title: action.title,
      description: action.description,
      stage: action.stage ?? "",
      step: action.step ?? "",
      fixes: action.fixes ?? "",
      owner: action.owner,
      due: action.due ?? "",
      status: action.status,
    };
  }
  const draft = subject.draft;
  return {
    journeyId: draft.journeyId ?? journeys[0]?.id ?? "",
    kind: draft.kind ?? "product_change",
    title: draft.title ?? "",
    description: "",
    stage: draft.stage ?? "",
    step: draft.step ?? "",
    fixes: draft.fixes ?? "",
    owner: "",
    due: "",
    status: "accepted",
  };
}

/** Only the fields that changed, so a PATCH never rewrites what someone else just set. */
export function changesOf(action: StoredAction, fields: Fields): ActionEdit {
  const changes: ActionEdit = {};
  if (fields.title.trim() !== action.title) changes.title = fields.title.trim();
  if (fields.description !== action.description) changes.description = fields.description;
  if (fields.owner.trim() !== action.owner) changes.owner = fields.owner.trim();
  if ((fields.due || null) !== (action.due ?? null)) changes.due = fields.due || null;
  if (fields.status !== action.status) changes.status = fields.status;
  return changes;
}

export function ActionDialog({ workspaceId, subject, journeys, onClose, onSaved, onStale }: Props) {
  const [fields, setFields] = useState<Fields | null>(null);
  const [lookup, setLookup] = useState<JourneyLookup | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const editing = subject && "action" in subject ? subject.action : null;

  useEffect(() => {
    setFields(subject ? fieldsOf(subject, journeys) : null);
    setProblems([]);
    setStale(false);
    // Only a new subject starts the form afresh; the journeys arriving later must not.
  }, [subject]);

  const firstJourney = journeys[0]?.id;
  useEffect(() => {
    if (firstJourney) setFields((before) => (before && !before.journeyId ? { ...before, journeyId: firstJourney } : before));
  }, [firstJourney, fields?.journeyId]);

  const journeyId = fields?.journeyId ?? "";
  useEffect(() => {
    if (!journeyId) return setLookup(null);
    let live = true;
    loadLookup(workspaceId, journeyId)
      .then((found) => live && setLookup(found))
      .catch(() => live && setLookup(null));
    return () => {
      live = false;
    };
  }, [workspaceId, journeyId]);

  const set = (changes: Partial<Fields>) => setFields((before) => (before ? { ...before, ...changes } : before));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!fields) return;
    setBusy(true);
    setProblems([]);
    try {
      if (editing) {
        const changes = changesOf(editing, fields);
        const saved = Object.keys(changes).length ? await editAction(workspaceId, editing, changes) : editing;
        onSaved(saved, false);
      } else {
        const slug = journeys.find((journey) => journey.id === fields.journeyId)?.slug ?? lookup?.slug ?? "";
        const body: NewAction = {
          journey: slug,
          kind: fields.kind,
          title: fields.title.trim(),
          description: fields.description,
          stage: fields.stage || null,
          step: fields.step || null,
          fixes: fields.fixes || null,
          owner: fields.owner.trim(),
          due: fields.due || null,
          status: fields.status,
        };
        onSaved(await createAction(workspaceId, body), true);
      }
    } catch (failure) {
      if (failure instanceof StaleVersionError) {
        setStale(true);
        onStale?.();
      }
      else if (failure instanceof ApiError && failure.problems.length) setProblems(describeProblems(failure));
      else setProblems([failure instanceof Error ? failure.message : String(failure)]);
    } finally {
      setBusy(false);
    }
  };

  const steps = lookup?.stages.filter((stage) => !fields?.stage || stage.id === fields.stage).flatMap((stage) => stage.steps) ?? [];
  return (
    <Dialog open={subject !== null} title={editing ? "Edit action" : "New action"} onClose={onClose} wide>
      {fields && (
        <form className="form action-form" onSubmit={submit}>
          {editing ? (
            <p className="action-about muted small">
              {KIND_NAMES[editing.kind]} · {lookup?.title ?? editing.journey}
              {editing.step && ` · step ${lookup?.stepNames.get(editing.step) ?? editing.step}`}
              {editing.fixes && ` · fixes “${lookup?.insights.get(editing.fixes) ?? editing.fixes}”`}
            </p>
          ) : (
            <div className="field-row">
              <label>
                Journey
                <select value={fields.journeyId} onChange={(event) => set({ journeyId: event.target.value, stage: "", step: "", fixes: "" })} required>
                  {journeys.map((journey) => (
                    <option key={journey.id} value={journey.id}>
                      {journey.title}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Kind
                <select value={fields.kind} onChange={(event) => set({ kind: event.target.value as ActionKind })}>
                  {Object.entries(KIND_NAMES).map(([kind, name]) => (
                    <option key={kind} value={kind}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
          <label>
            Title
            <input value={fields.title} onChange={(event) => set({ title: event.target.value })} required maxLength={500} autoFocus />
          </label>
          <label>
            <span>
              Description <span className="optional">(optional)</span>
            </span>
            <textarea rows={3} value={fields.description} onChange={(event) => set({ description: event.target.value })} />
          </label>
          {!editing && (
            <div className="field-row three">
              <label>
                <span>
                  Stage <span className="optional">(optional)</span>
                </span>
                <select value={fields.stage} onChange={(event) => set({ stage: event.target.value, step: "" })}>
                  <option value="">Whole journey</option>
                  {lookup?.stages.map((stage) => (
                    <option key={stage.id} value={stage.id}>
                      {stage.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>
                  Step <span className="optional">(optional)</span>
                </span>
                <select value={fields.step} onChange={(event) => set({ step: event.target.value })}>
                  <option value="">Any step</option>
                  {steps.map((step) => (
                    <option key={step.id} value={step.id}>
                      {step.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>
                  Fixes insight <span className="optional">(optional)</span>
                </span>
                <select value={fields.fixes} onChange={(event) => set({ fixes: event.target.value })}>
                  <option value="">None</option>
                  {[...(lookup?.insights ?? new Map<string, string>())].map(([id, title]) => (
                    <option key={id} value={id}>
                      {title}
                    </option>
                  ))}
                  {fields.fixes && !lookup?.insights.has(fields.fixes) && <option value={fields.fixes}>{fields.fixes}</option>}
                </select>
              </label>
            </div>
          )}
          <div className="field-row three">
            <label>
              <span>
                Owner <span className="optional">(optional)</span>
              </span>
              <input value={fields.owner} onChange={(event) => set({ owner: event.target.value })} maxLength={200} placeholder="Who drives it" />
            </label>
            <label>
              <span>
                Due date <span className="optional">(optional)</span>
              </span>
              <input type="date" value={fields.due} onChange={(event) => set({ due: event.target.value })} />
            </label>
            <label>
              Status
              <select value={fields.status} onChange={(event) => set({ status: event.target.value as ActionStatus })}>
                {COLUMNS.map((column) => (
                  <option key={column.status} value={column.status}>
                    {column.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {stale && (
            <p className="form-error" role="alert">
              Someone else changed this action since you opened it; your change was not saved. Close this dialog to see
              theirs, then edit again.
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
            <button type="submit" className="button primary" disabled={busy || (!editing && !fields.journeyId)}>
              {editing ? "Save changes" : "Add action"}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
