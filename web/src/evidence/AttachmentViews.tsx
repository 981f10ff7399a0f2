// Files opened in place: a picture as a thumbnail that opens full size, a recording as an
// audio player with its transcript, a document as its (extracted) text with a download.
import { type ReactNode, useEffect, useState } from "react";
import { Dialog } from "../ui/Dialog";
import { attachmentUrl } from "./evidenceApi";
import { fileKind, formatBytes, isPlainText } from "./evidenceFormat";

export interface FileView {
  id: string;
  fileName: string;
  contentType: string;
  size?: number;
  /** Text that goes with the file: a recording's transcript, a document's extracted text. */
  text?: string;
}

interface Props {
  workspaceId: string;
  file: FileView;
  onDelete?: () => void;
}

const PREVIEW_CHARS = 480;

export function AttachmentView({ workspaceId, file, onDelete }: Props) {
  const kind = fileKind(file.contentType);
  const content = attachmentUrl(workspaceId, file.id);
  const size = file.size != null ? ` · ${formatBytes(file.size)}` : "";
  const remove = onDelete && (
    <button type="button" className="icon-button danger" aria-label={`Remove ${file.fileName}`} title="Remove" onClick={onDelete}>
      ×
    </button>
  );
  const download = (
    <a className="file-download" href={content} download={file.fileName} aria-label={`Download ${file.fileName}`}>
      Download
    </a>
  );
  if (kind === "image") return <PictureView workspaceId={workspaceId} file={file} actions={<>{download}{remove}</>} />;
  if (kind === "audio") {
    return (
      <figure className="file-view file-audio" data-testid="audio-attachment">
        <figcaption className="file-head">
          <span className="file-icon" aria-hidden="true">♪</span>
          <span className="file-name">{file.fileName}</span>
          <span className="muted small">{size.slice(3)}</span>
          <span className="file-actions">
            {download}
            {remove}
          </span>
        </figcaption>
        <audio controls preload="metadata" src={content} aria-label={`Play ${file.fileName}`} />
        {file.text ? (
          <details className="transcript" open>
            <summary>Transcript</summary>
            <p data-testid="transcript">{file.text}</p>
          </details>
        ) : (
          <p className="muted small">No transcript. Import the recording as evidence with its VTT, SRT or text file to add one.</p>
        )}
      </figure>
    );
  }
  return (
    <div className="file-view file-document" data-testid="document-attachment">
      <div className="file-head">
        <span className="file-icon" aria-hidden="true">▤</span>
        <span className="file-name">{file.fileName}</span>
        <span className="muted small">{size.slice(3)}</span>
        <span className="file-actions">
          {download}
          {remove}
        </span>
      </div>
      <DocumentText workspaceId={workspaceId} file={file} />
    </div>
  );
}

function PictureView({ workspaceId, file, actions }: { workspaceId: string; file: FileView; actions: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [thumb, setThumb] = useState(attachmentUrl(workspaceId, file.id, true));
  const full = attachmentUrl(workspaceId, file.id);
  return (
    <figure className="file-view file-picture" data-testid="picture-attachment">
      <button type="button" className="thumb-button" onClick={() => setOpen(true)} aria-label={`Open ${file.fileName} full size`}>
        <img src={thumb} alt={file.fileName} loading="lazy" onError={() => setThumb(full)} />
      </button>
      <figcaption className="file-head">
        <span className="file-name">{file.fileName}</span>
        <span className="file-actions">{actions}</span>
      </figcaption>
      {file.text && <p className="small">{file.text}</p>}
      <Dialog open={open} title={file.fileName} onClose={() => setOpen(false)} wide>
        <img className="full-picture" src={full} alt={file.fileName} data-testid="full-picture" />
      </Dialog>
    </figure>
  );
}

function DocumentText({ workspaceId, file }: { workspaceId: string; file: FileView }) {
  const [text, setText] = useState<string | null>(file.text ?? null);
  const [all, setAll] = useState(false);
  const plain = isPlainText(file.contentType);
  useEffect(() => {
    if (file.text != null || !plain) return;
    let live = true;
    fetch(attachmentUrl(workspaceId, file.id), { credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : null))
      .then((found) => live && setText(found))
      .catch(() => live && setText(null));
    return () => {
      live = false;
    };
  }, [workspaceId, file.id, file.text, plain]);
  if (text == null) {
    return plain ? null : (
      <p className="muted small">Import it as evidence (Import evidence → Document) to extract its text and score it.</p>
    );
  }
  const long = text.length > PREVIEW_CHARS;
  return (
    <div className="document-text" data-testid="document-text">
      <p>{all || !long ? text : `${text.slice(0, PREVIEW_CHARS).trimEnd()}…`}</p>
      {long && (
        <button type="button" className="link-button" onClick={() => setAll((value) => !value)}>
          {all ? "Show less" : "Show all text"}
        </button>
      )}
    </div>
  );
}
