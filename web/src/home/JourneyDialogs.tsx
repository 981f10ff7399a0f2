// The home page's dialogs: a new journey, an import, and the confirmation before a delete.
import { type DragEvent, type FormEvent, useState } from "react";
import { ApiError, describeProblems } from "../api/errors";
import type { JourneyKind, JourneySummary, StoredJourney } from "../api/types";
import { useSession } from "../session/SessionContext";
import { Dialog } from "../ui/Dialog";
import { createJourney, deleteJourney, importJourney, importType } from "./journeyActions";

function problemLines(error: unknown): string[] {
  if (error instanceof ApiError && error.problems.length) return describeProblems(error);
  return [error instanceof Error ? error.message : String(error)];
}

function Problems({ lines }: { lines: string[] }) {
  if (!lines.length) return null;
  return (
    <div className="form-error" role="alert">
      {lines.length === 1 ? (
        lines[0]
      ) : (
        <ul>
          {lines.slice(0, 8).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface NewProps {
  open: boolean;
  workspaceId: string;
  taken: Set<string>;
  onClose: () => void;
  onCreated: (journey: StoredJourney) => void;
}

export function NewJourneyDialog({ open, workspaceId, taken, onClose, onCreated }: NewProps) {
  const { user } = useSession();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<JourneyKind>("current");
  const [persona, setPersona] = useState("");
  const [owner, setOwner] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const created = await createJourney(workspaceId, { title, kind, persona, owner: owner || user?.display_name || "" }, taken);
      setTitle("");
      setPersona("");
      setProblems([]);
      onCreated(created);
    } catch (error) {
      setProblems(problemLines(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} title="New journey" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <label>
          Title
          <input value={title} onChange={(event) => setTitle(event.target.value)} required autoFocus placeholder="e.g. Opening a current account" />
        </label>
        <fieldset className="segmented">
          <legend>Kind</legend>
          <label>
            <input type="radio" name="kind" checked={kind === "current"} onChange={() => setKind("current")} />
            Current (as-is)
          </label>
          <label>
            <input type="radio" name="kind" checked={kind === "desired"} onChange={() => setKind("desired")} />
            Desired (to-be)
          </label>
        </fieldset>
        <label>
          <span>
            Persona <span className="optional">(optional)</span>
          </span>
          <input value={persona} onChange={(event) => setPersona(event.target.value)} placeholder="e.g. Priya, first-time buyer" />
        </label>
        <label>
          <span>
            Owner <span className="optional">(optional)</span>
          </span>
          <input value={owner} onChange={(event) => setOwner(event.target.value)} placeholder={user?.display_name ?? ""} />
        </label>
        <Problems lines={problems} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Create journey
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface ImportProps {
  open: boolean;
  workspaceId: string;
  onClose: () => void;
  onImported: (journey: StoredJourney) => void;
}

export function ImportJourneyDialog({ open, workspaceId, onClose, onImported }: ImportProps) {
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);

  const choose = (chosen: File | undefined) => {
    setProblems([]);
    if (!chosen) return;
    if (!importType(chosen.name)) setProblems([`${chosen.name}: choose a YAML, JSON or Mermaid (.mmd) file.`]);
    setFile(chosen);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    choose(event.dataTransfer.files[0]);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    try {
      const created = await importJourney(workspaceId, file);
      setFile(null);
      onImported(created);
    } catch (error) {
      setProblems(problemLines(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} title="Import a journey" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <div
          className={`drop-zone${over ? " over" : ""}`}
          onDragOver={(event) => {
            event.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          <p>Drop a cxmap YAML or JSON file, or a Mermaid journey diagram (.mmd), here</p>
          <label className="button">
            Choose a file…
            <input
              className="visually-hidden"
              type="file"
              accept=".yaml,.yml,.json,.mmd,.mermaid,.md,.txt"
              onChange={(event) => choose(event.target.files?.[0])}
            />
          </label>
          {file && <p className="chosen-file">{file.name}</p>}
        </div>
        <Problems lines={problems} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!file || busy}>
            Import
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface DeleteProps {
  journey: JourneySummary | null;
  workspaceId: string;
  onClose: () => void;
  onDeleted: (journey: JourneySummary) => void;
}

export function DeleteJourneyDialog({ journey, workspaceId, onClose, onDeleted }: DeleteProps) {
  const [problem, setProblem] = useState<string[]>([]);
  const confirm = async () => {
    if (!journey) return;
    try {
      await deleteJourney(workspaceId, journey);
      setProblem([]);
      onClose();
      onDeleted(journey);
    } catch (error) {
      setProblem(problemLines(error));
    }
  };
  return (
    <Dialog open={journey !== null} title="Delete this journey?" onClose={onClose}>
      <p>
        “{journey?.title}” moves to the bin. Its history is kept and it can be restored.
      </p>
      <Problems lines={problem} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button danger-solid" onClick={() => void confirm()}>
          Delete journey
        </button>
      </div>
    </Dialog>
  );
}
