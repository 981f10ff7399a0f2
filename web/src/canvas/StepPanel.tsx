// The side panel of one step: every field of the touchpoint, its emotion, where it leads
// (branches), the evidence quoted in the journey, and moving or deleting it. Viewers read.
import { type ReactNode, useEffect, useState } from "react";
import type { Channel, Journey, Step } from "../api/types";
import { useEvidence } from "../evidence/EvidenceContext";
import { PanelTabs } from "../evidence/PanelTabs";
import { StepEvidencePanel } from "../evidence/StepEvidencePanel";
import { findStep } from "../journey/journeyOps";
import { CHANNEL_NAMES } from "./channels";
import type { Editor } from "./editor";
import { formatEmotion, pointLabel, toneOf } from "./emotionGeometry";

interface Props {
  journey: Journey;
  stepId: string;
  edit: Editor | null;
  onClose: () => void;
  onShift: (id: string, by: -1 | 1) => void;
  /** The step's comments tab: its open comments' count and the tab's content. */
  discussion?: { count: number; content: ReactNode };
}

const EMOTIONS: [number, string][] = [
  [2, "delighted"],
  [1, "pleased"],
  [0, "neutral"],
  [-1, "frustrated"],
  [-2, "angry"],
];

function TextField(props: { label: string; value: string; multiline?: boolean; onSave?: (value: string) => void }) {
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const save = () => {
    if (draft !== props.value) props.onSave?.(draft);
  };
  const common = {
    value: draft,
    readOnly: !props.onSave,
    onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
    onBlur: save,
  };
  return (
    <label>
      {props.label}
      {props.multiline ? (
        <textarea rows={3} {...common} />
      ) : (
        <input
          {...common}
          onKeyDown={(event) => {
            if (event.key === "Enter") save();
          }}
        />
      )}
    </label>
  );
}

export function StepPanel({ journey, stepId, edit, onClose, onShift, discussion }: Props) {
  const { tab } = useEvidence();
  let step: Step;
  try {
    step = findStep(journey, stepId);
  } catch {
    return null; // deleted meanwhile (here or by a colleague)
  }
  const update = (changes: Partial<Step>) => edit?.change({ type: "updateStep", id: step.id, changes });
  const others = (journey.stages ?? []).flatMap((stage) => (stage.steps ?? []).filter((item) => item.id !== step.id));
  const names = new Map(others.map((item) => [item.id, item.name]));
  const emotion = step.emotion;
  const options = EMOTIONS.some(([value]) => value === emotion) || emotion == null ? EMOTIONS : [...EMOTIONS, [emotion, ""] as [number, string]];
  return (
    <aside className="side-panel" aria-labelledby="panel-title" data-testid="step-panel">
      <header className="panel-header">
        <div>
          <p className="panel-kicker">Step</p>
          <h2 id="panel-title">{step.name}</h2>
        </div>
        <button type="button" className="icon-button" aria-label="Close details" onClick={onClose}>
          ×
        </button>
      </header>
      <PanelTabs stepId={stepId} comments={discussion?.count} />
      {tab === "comments" && discussion ? (
        <div className="panel-body" role="tabpanel" id="step-tab-comments" aria-labelledby="step-tab-comments-label">
          {discussion.content}
        </div>
      ) : tab === "evidence" ? (
        <StepEvidencePanel step={step} onUseEmotion={edit ? (value) => update({ emotion: value }) : undefined} />
      ) : (
      <div className="panel-body form" role="tabpanel" id="step-tab-details" aria-labelledby="step-tab-details-label">
        <TextField label="Name" value={step.name} onSave={edit ? (name) => name.trim() && update({ name: name.trim() }) : undefined} />
        <div className="field-row">
          <label>
            Channel
            <select
              value={step.channel ?? ""}
              disabled={!edit}
              onChange={(event) => update({ channel: (event.target.value || null) as Channel | null })}
            >
              <option value="">Not set</option>
              {Object.entries(CHANNEL_NAMES).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <TextField
            label="Department"
            value={step.department ?? ""}
            onSave={edit ? (department) => update({ department: department.trim() || null }) : undefined}
          />
        </div>
        <fieldset className="emotion-field">
          <legend>Emotion</legend>
          <div className="field-row">
            <label>
              Score
              <select
                value={emotion == null ? "" : String(emotion)}
                disabled={!edit}
                data-testid="emotion-select"
                onChange={(event) => update({ emotion: event.target.value === "" ? null : Number(event.target.value) })}
              >
                <option value="">Not set</option>
                {options.map(([value, word]) => (
                  <option key={value} value={String(value)}>
                    {formatEmotion(value)}
                    {word ? ` ${word}` : ""}
                  </option>
                ))}
              </select>
            </label>
            <TextField
              label="In a word"
              value={step.feeling ?? ""}
              onSave={edit ? (feeling) => update({ feeling: feeling.trim() }) : undefined}
            />
          </div>
          {emotion != null && (
            <p className={`emotion-chip tone-${toneOf(emotion)}`}>
              <span aria-hidden="true">{emotion < 0 ? "▼ " : emotion > 0 ? "▲ " : "● "}</span>
              {pointLabel(emotion, step.feeling)}
            </p>
          )}
        </fieldset>
        <TextField
          label="Description"
          multiline
          value={step.description ?? ""}
          onSave={edit ? (description) => update({ description }) : undefined}
        />
        <Section title="Leads to">
          {(step.next ?? []).length === 0 ? (
            <p className="muted small">{step.final ? "The journey may end here." : "The next step in order."}</p>
          ) : (
            <ul className="chips">
              {(step.next ?? []).map((id) => (
                <li key={id} className="chip">
                  {names.get(id) ?? id}
                  {edit && (
                    <button
                      type="button"
                      className="chip-remove"
                      aria-label={`Stop leading to ${names.get(id) ?? id}`}
                      onClick={() => update({ next: (step.next ?? []).filter((item) => item !== id) })}
                    >
                      ×
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {edit && (
            <label>
              <span className="visually-hidden">Add a next step</span>
              <select
                value=""
                onChange={(event) => event.target.value && update({ next: [...(step.next ?? []), event.target.value] })}
              >
                <option value="">Add a next step (branch)…</option>
                {others
                  .filter((item) => !(step.next ?? []).includes(item.id))
                  .map((item) => (
                    <option key={item.id} value={item.id}>
                      {item.name}
                    </option>
                  ))}
              </select>
            </label>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={Boolean(step.final)} disabled={!edit} onChange={(event) => update({ final: event.target.checked })} />
            The journey may end here
          </label>
        </Section>
        {(step.evidence ?? []).length > 0 && (
          <Section title={`Evidence (${step.evidence!.length})`}>
            <ul className="evidence-list">
              {step.evidence!.map((note, index) => (
                <li key={index}>
                  <span className="evidence-kind">{note.kind}</span> {note.text}
                  {note.source && <span className="muted small"> · {note.source}</span>}
                </li>
              ))}
            </ul>
          </Section>
        )}
        {edit && (
          <div className="panel-actions">
            <button type="button" className="button" onClick={() => onShift(step.id, -1)}>
              ← Move earlier
            </button>
            <button type="button" className="button" onClick={() => onShift(step.id, 1)}>
              Move later →
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => {
                edit.change({ type: "removeStep", id: step.id });
                onClose();
              }}
            >
              Delete step
            </button>
          </div>
        )}
      </div>
      )}
    </aside>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}
