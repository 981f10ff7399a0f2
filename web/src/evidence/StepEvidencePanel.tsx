// The Evidence tab of a step's panel: drop files here (or on the step's card) to attach
// them, import a file of evidence for this step, and read what the evidence says: the
// figures, the files attached to the step, and every item as a quote.
import { useEffect, useRef, useState } from "react";
import type { Step } from "../api/types";
import { AttachmentView } from "./AttachmentViews";
import { useEvidence } from "./EvidenceContext";
import { deleteAttachment, stepAttachments } from "./evidenceApi";
import { EvidenceFigures } from "./EvidenceFigures";
import type { Attachment } from "./evidenceFormat";
import { EvidenceItemList } from "./EvidenceItemList";
import { useFileDrop } from "./useFileDrop";
import "./evidence.css";

interface Props {
  step: Step;
  /** Set the step's hand-set emotion (editors only). */
  onUseEmotion?: (value: number) => void;
}

function useStepAttachments(stepId: string) {
  const { ref, revision } = useEvidence();
  const [files, setFiles] = useState<Attachment[]>([]);
  useEffect(() => {
    if (!ref) return;
    let live = true;
    stepAttachments(ref, stepId)
      .then((found) => live && setFiles(found))
      .catch(() => live && setFiles([]));
    return () => {
      live = false;
    };
  }, [ref, stepId, revision]);
  return files;
}

export function StepEvidencePanel({ step, onUseEmotion }: Props) {
  const evidence = useEvidence();
  const { ref, editable, stepEvidence, uploadFiles, reload, setNotice } = evidence;
  const found = stepEvidence(step.id);
  const files = useStepAttachments(step.id);
  const drop = useFileDrop(step.id, step.name);
  const input = useRef<HTMLInputElement>(null);
  if (!ref) return null;

  const remove = async (file: Attachment) => {
    if (!window.confirm(`Remove ${file.file_name} from ${step.name}?`)) return;
    try {
      await deleteAttachment(ref, file.id);
      reload();
    } catch (failure) {
      setNotice({ tone: "error", text: failure instanceof Error ? failure.message : String(failure) });
    }
  };

  return (
    <div className="panel-body evidence-tab" data-testid="evidence-tab" role="tabpanel" id="step-tab-evidence" aria-labelledby="step-tab-evidence-label">
      {editable && (
        <div
          className={`drop-zone evidence-drop${drop.over ? " over" : ""}`}
          data-testid="evidence-drop"
          onDragOver={drop.onDragOver}
          onDragLeave={drop.onDragLeave}
          onDrop={drop.onDrop}
        >
          <p>
            <strong>Drop pictures, recordings or documents</strong> here or on the step's card.
          </p>
          <div className="drop-actions">
            <button type="button" className="button small" onClick={() => input.current?.click()}>
              Choose files…
            </button>
            <button type="button" className="button small" onClick={() => evidence.openImport(step.id)}>
              Import evidence for this step…
            </button>
          </div>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            data-testid="attach-input"
            accept=".png,.jpg,.jpeg,.gif,.webp,.mp3,.wav,.ogg,.oga,.opus,.m4a,.pdf,.docx,.txt,.md"
            onChange={(event) => {
              const chosen = Array.from(event.target.files ?? []);
              event.target.value = "";
              void uploadFiles(step.id, step.name, chosen);
            }}
          />
        </div>
      )}
      {!found?.items && files.length === 0 && (
        <p className="muted evidence-empty">
          No evidence on this step yet.{" "}
          {editable ? "Import survey answers, posts, chats or documents, or attach files above." : ""}
        </p>
      )}
      {found && found.items > 0 && (
        <p className="evidence-count" data-testid="evidence-count">
          <strong>{found.items.toLocaleString("en-GB")}</strong> evidence {found.items === 1 ? "item" : "items"} on this step
        </p>
      )}
      {found && found.items > 0 && <EvidenceFigures found={found} handSet={step.emotion} onUseEmotion={onUseEmotion} />}
      {files.length > 0 && (
        <section className="evidence-block" aria-labelledby="files-title">
          <h4 id="files-title">
            Files on this step <span className="muted small">({files.length})</span>
          </h4>
          <div className="file-list">
            {files.map((file) => (
              <AttachmentView
                key={file.id}
                workspaceId={ref.workspaceId}
                file={{ id: file.id, fileName: file.file_name, contentType: file.content_type, size: file.size }}
                onDelete={editable ? () => void remove(file) : undefined}
              />
            ))}
          </div>
        </section>
      )}
      <EvidenceItemList stepId={step.id} />
    </div>
  );
}
