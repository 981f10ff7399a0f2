// Insights (pain points and gains) and opportunities as cards in their step's column:
// each names its severity or status in words, and selecting one selects its step.
import { memo } from "react";
import type { Insight, Opportunity } from "../api/types";
import { AddInline } from "../ui/AddInline";
import { InlineText } from "../ui/InlineText";
import { AT_END } from "../journey/journeyOps";
import { type Editor, isDeleteKey } from "./editor";
import { TrashIcon } from "./StageHeader";

interface Props {
  kind: "insight" | "opportunity";
  notes: (Insight | Opportunity)[];
  stepId: string;
  stepName: string;
  edit: Editor | null;
  insightTitles: Map<string, string>;
  onSelectStep: (id: string) => void;
}

const STATUS: Record<string, string> = {
  proposed: "Proposed",
  accepted: "Accepted",
  in_progress: "In progress",
  done: "Done",
  dismissed: "Dismissed",
};

export const NoteCards = memo(function NoteCards({ kind, notes, stepId, stepName, edit, insightTitles, onSelectStep }: Props) {
  const noun = kind === "insight" ? "pain point" : "opportunity";
  return (
    <div className="note-list">
      {notes.map((note) => {
        const insight = kind === "insight" ? (note as Insight) : null;
        const opportunity = kind === "opportunity" ? (note as Opportunity) : null;
        const gain = insight?.kind === "gain";
        return (
          <article
            key={note.id}
            className={`note-card ${kind}${gain ? " gain" : ""}`}
            aria-label={`${gain ? "Gain" : kind === "insight" ? "Pain point" : "Opportunity"}: ${note.title}, at step ${stepName}`}
            data-testid={`${kind}-card`}
            onClick={() => onSelectStep(stepId)}
            onKeyDown={(event) => {
              if (edit && isDeleteKey(event)) {
                event.preventDefault();
                edit.change({ type: "removeNote", kind, id: note.id });
              }
            }}
          >
            <div className="note-top">
              <span className="note-kind">
                <span aria-hidden="true">{kind === "opportunity" ? "💡" : gain ? "★" : "⚠"}</span>{" "}
                {kind === "opportunity" ? STATUS[opportunity?.status ?? "proposed"] : gain ? "Gain" : `Severity ${insight?.severity ?? 3}/5`}
              </span>
              {edit && (
                <button
                  type="button"
                  className="icon-button danger"
                  aria-label={`Delete ${noun} ${note.title}`}
                  onClick={(event) => {
                    event.stopPropagation();
                    edit.change({ type: "removeNote", kind, id: note.id });
                  }}
                >
                  <TrashIcon />
                </button>
              )}
            </div>
            <InlineText
              className="note-title"
              value={note.title}
              label={kind === "insight" ? "Pain point" : "Opportunity"}
              multiline
              onSave={edit ? (title) => edit.change({ type: "updateNote", kind, id: note.id, changes: { title } }) : undefined}
            />
            {opportunity && (opportunity.fixes?.length ?? 0) > 0 && (
              <p className="note-fixes">Fixes: {opportunity.fixes!.map((id) => insightTitles.get(id) ?? id).join("; ")}</p>
            )}
          </article>
        );
      })}
      {edit && (
        <AddInline
          className="lane-add"
          label="Add"
          ariaLabel={`Add ${noun} at ${stepName}`}
          placeholder={`New ${noun} at ${stepName}`}
          onAdd={(title) => {
            const id = edit.newId(title, kind);
            const note =
              kind === "insight" ? { id, title, step: stepId, kind: "pain" as const, severity: 3 } : { id, title, step: stepId };
            edit.change({ type: "addNote", kind, note: note as Insight, position: AT_END });
          }}
        />
      )}
    </div>
  );
});
