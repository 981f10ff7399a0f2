// A stage's header: its name and the customer's goal, editable in place; drag it (or Alt
// with an arrow) to reorder the stages; drop a step on it to move the step to its end.
import { type CSSProperties, memo } from "react";
import type { Stage } from "../api/types";
import { InlineText } from "../ui/InlineText";
import { allowDrop, dragged, endDrag, startDrag } from "./dragging";
import { type Editor, isDeleteKey, moveKey } from "./editor";

interface Props {
  stage: Stage;
  index: number;
  count: number;
  stepCount: number;
  edit: Editor | null;
  style: CSSProperties;
}

export const StageHeader = memo(function StageHeader({ stage, index, count, stepCount, edit, style }: Props) {
  const move = (to: number) => {
    if (edit && to >= 0 && to < count && to !== index) edit.change({ type: "moveStage", id: stage.id, to });
  };
  return (
    <section
      className="stage-header"
      style={style}
      aria-label={`Stage ${index + 1} of ${count}: ${stage.name}`}
      data-testid="stage-header"
      data-stage={stage.id}
      draggable={Boolean(edit)}
      onDragStart={(event) => startDrag(event, { kind: "stage", id: stage.id }, stage.name)}
      onDragEnd={endDrag}
      onDragOver={(event) => {
        if (edit) allowDrop(event, (item) => item.kind === "stage" || item.kind === "step");
      }}
      onDrop={(event) => {
        const item = dragged();
        if (!edit || !item) return;
        event.preventDefault();
        if (item.kind === "stage" && item.id !== stage.id) edit.change({ type: "moveStage", id: item.id, to: index });
        if (item.kind === "step") edit.change({ type: "moveStep", id: item.id, stageId: stage.id, to: stepCount });
        endDrag();
      }}
      onKeyDown={(event) => {
        if (!edit) return;
        const step = moveKey(event, "x");
        if (step) {
          event.preventDefault();
          move(index + step);
        } else if (isDeleteKey(event) && (event.target as HTMLElement).closest('[data-part="stage-name"]')) {
          event.preventDefault();
          edit.change({ type: "removeStage", id: stage.id });
        }
      }}
    >
      <div className="stage-top">
        <span className="stage-number" aria-hidden="true">
          {index + 1}
        </span>
        <h2 className="stage-name">
          <InlineTextWithPart
            value={stage.name}
            label="Stage name"
            onSave={edit ? (name) => edit.change({ type: "updateStage", id: stage.id, changes: { name } }) : undefined}
          />
        </h2>
        {edit && (
          <div className="part-actions">
            <button
              type="button"
              className="icon-button"
              aria-label={`Move stage ${stage.name} earlier`}
              title="Move earlier (Alt+←)"
              disabled={index === 0}
              onClick={() => move(index - 1)}
            >
              ‹
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Move stage ${stage.name} later`}
              title="Move later (Alt+→)"
              disabled={index === count - 1}
              onClick={() => move(index + 1)}
            >
              ›
            </button>
            <button
              type="button"
              className="icon-button danger"
              aria-label={`Delete stage ${stage.name}`}
              title="Delete stage (Delete)"
              onClick={() => edit.change({ type: "removeStage", id: stage.id })}
            >
              <TrashIcon />
            </button>
          </div>
        )}
      </div>
      <InlineText
        className="stage-goal"
        value={stage.goal ?? ""}
        label="Customer goal"
        placeholder={edit ? "Add the customer's goal…" : ""}
        onSave={edit ? (goal) => edit.change({ type: "updateStage", id: stage.id, changes: { goal } }) : undefined}
      />
    </section>
  );
});

function InlineTextWithPart(props: { value: string; label: string; onSave: ((value: string) => void) | undefined }) {
  return (
    <span data-part="stage-name" className="part-name">
      <InlineText {...props} />
    </span>
  );
}

export function TrashIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M6 2h4l.5 1H14v1.5H2V3h3.5L6 2zm-2.5 4h9l-.7 8.2a1 1 0 0 1-1 .8H5.2a1 1 0 0 1-1-.8L3.5 6z"
        fill="currentColor"
      />
    </svg>
  );
}
