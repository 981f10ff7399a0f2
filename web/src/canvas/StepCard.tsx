// A step (touchpoint) card: channel, name (editable in place), the emotion as a labelled
// chip, and quiet actions. Drag it, or press Alt with an arrow, to move it along the
// journey; click it to open its details.
import { memo } from "react";
import type { Step } from "../api/types";
import { StepBadges } from "../evidence/StepBadges";
import { useFileDrop } from "../evidence/useFileDrop";
import { InlineText } from "../ui/InlineText";
import { CHANNEL_NAMES } from "./channels";
import { allowDrop, dragged, dropsAfter, endDrag, startDrag } from "./dragging";
import { type Editor, isDeleteKey, moveKey } from "./editor";
import { formatEmotion, toneOf } from "./emotionGeometry";
import { TrashIcon } from "./StageHeader";

interface Props {
  step: Step;
  stageId: string;
  position: number;
  edit: Editor | null;
  selected: boolean;
  onSelect: (id: string) => void;
  /** A step dropped on this card: it goes before (or, on the right half, after) it. */
  onDropStep: (id: string, stageId: string, before: number) => void;
  /** Move by one place along the whole journey (across stages). */
  onShift: (id: string, by: -1 | 1) => void;
}

export const StepCard = memo(function StepCard({ step, stageId, position, edit, selected, onSelect, onDropStep, onShift }: Props) {
  const emotion = step.emotion;
  const tone = emotion == null ? null : toneOf(emotion);
  const files = useFileDrop(step.id, step.name, () => onSelect(step.id));
  return (
    <article
      className={`step-card${selected ? " selected" : ""}${files.over ? " file-over" : ""}`}
      aria-label={`Step ${step.name}`}
      data-testid="step-card"
      data-step={step.id}
      draggable={Boolean(edit)}
      onDragStart={(event) => startDrag(event, { kind: "step", id: step.id }, step.name)}
      onDragEnd={endDrag}
      onDragOver={(event) => {
        if (files.onDragOver(event)) return;
        if (edit) allowDrop(event, (item) => item.kind === "step" && item.id !== step.id);
      }}
      onDragLeave={files.onDragLeave}
      onDrop={(event) => {
        if (files.onDrop(event)) return;
        const item = dragged();
        if (!edit || item?.kind !== "step" || item.id === step.id) return;
        event.preventDefault();
        onDropStep(item.id, stageId, position + (dropsAfter(event, event.currentTarget) ? 1 : 0));
        endDrag();
      }}
      onClick={(event) => {
        // A click on the name is for renaming (double-click); anywhere else opens the details.
        if (!(event.target as HTMLElement).closest(".inline-text, .inline-input")) onSelect(step.id);
      }}
      onKeyDown={(event) => {
        if (!edit) return;
        const by = moveKey(event, "x");
        if (by) {
          event.preventDefault();
          onShift(step.id, by);
        } else if (isDeleteKey(event)) {
          event.preventDefault();
          edit.change({ type: "removeStep", id: step.id });
        }
      }}
    >
      {(step.channel || step.final) && (
        <div className="step-top">
          {step.channel ? <span className="channel">{CHANNEL_NAMES[step.channel] ?? step.channel}</span> : <span />}
          {step.final && <span className="end-chip">End</span>}
        </div>
      )}
      <h3 className="step-name">
        <InlineText
          value={step.name}
          label="Step name"
          onSave={edit ? (name) => edit.change({ type: "updateStep", id: step.id, changes: { name } }) : undefined}
        />
      </h3>
      {step.department && <p className="step-department">{step.department}</p>}
      <StepBadges stepId={step.id} stepName={step.name} emotion={emotion} />
      <div className="step-bottom">
        {tone && emotion != null ? (
          <span className={`emotion-chip tone-${tone}`} data-testid="emotion-chip">
            <span aria-hidden="true">{tone === "negative" ? "▼" : tone === "positive" ? "▲" : "●"}</span>
            {tone === "negative" ? " Pain point " : " "}
            {formatEmotion(emotion)}
            {step.feeling ? ` · ${step.feeling}` : ""}
          </span>
        ) : (
          <span className="muted small">No emotion yet</span>
        )}
        <span className="step-actions">
          <button
            type="button"
            className="icon-button"
            aria-label={`Details of ${step.name}`}
            title="Details"
            onClick={(event) => {
              event.stopPropagation();
              onSelect(step.id);
            }}
          >
            ⋯
          </button>
          {edit && (
            <button
              type="button"
              className="icon-button danger"
              aria-label={`Delete step ${step.name}`}
              title="Delete step (Delete)"
              onClick={(event) => {
                event.stopPropagation();
                edit.change({ type: "removeStep", id: step.id });
              }}
            >
              <TrashIcon />
            </button>
          )}
        </span>
      </div>
    </article>
  );
});
