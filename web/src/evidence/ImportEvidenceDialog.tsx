// "Import evidence": a file of survey answers, social posts, chats, a document, or a
// picture or recording (with its transcript), for the whole journey or one step. The
// server's report is shown as it is: what was imported, every rejected row with its row,
// column and reason, and how many items wait in the unmapped queue for a person.
import { type DragEvent, type FormEvent, useEffect, useState } from "react";
import { ApiError, describeProblems } from "../api/errors";
import type { Journey } from "../api/types";
import { Dialog } from "../ui/Dialog";
import { useEvidence } from "./EvidenceContext";
import { type EvidenceSource, type ImportReport, batchItems, importEvidence, placeItem } from "./evidenceApi";
import "./evidence.css";

interface KindChoice {
  value: EvidenceSource;
  label: string;
  accept: string;
  hint: string;
}

export const IMPORT_KINDS: KindChoice[] = [
  { value: "survey", label: "Survey", accept: ".csv,.xlsx", hint: "CSV or XLSX with NPS, CSAT, CES and comments; a touchpoint column names the step." },
  { value: "social", label: "Social posts", accept: ".csv,.jsonl", hint: "CSV or JSONL: author, time, text, channel, url." },
  { value: "chat", label: "Chats", accept: ".jsonl,.txt", hint: "JSONL conversations or a plain 'speaker: text' file; the customer's turns are scored." },
  { value: "document", label: "Document", accept: ".txt,.md,.pdf,.docx", hint: "An interview or document: its text is extracted and kept with the file." },
  { value: "media", label: "Picture or recording", accept: ".png,.jpg,.jpeg,.mp3,.wav,.ogg", hint: "A picture or an audio file, with an optional transcript for audio." },
];

interface Props {
  journey: Journey;
  onReviewUnmapped: () => void;
}

function stepNames(journey: Journey): Map<string, string> {
  return new Map((journey.stages ?? []).flatMap((stage) => (stage.steps ?? []).map((step) => [step.id, step.name] as const)));
}

export function ImportEvidenceDialog({ journey, onReviewUnmapped }: Props) {
  const { ref, importFor, closeImport, reload, summary } = useEvidence();
  const [kind, setKind] = useState<EvidenceSource>("survey");
  const [file, setFile] = useState<File | null>(null);
  const [transcript, setTranscript] = useState<File | null>(null);
  const [department, setDepartment] = useState("");
  const [redact, setRedact] = useState(false);
  const [step, setStep] = useState("");
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const names = stepNames(journey);
  const open = importFor !== null;

  useEffect(() => {
    if (!open) return;
    setStep(importFor?.stepId ?? "");
    setReport(null);
    setProblems([]);
    setFile(null);
    setTranscript(null);
  }, [open, importFor]);

  if (!ref) return null;
  const choice = IMPORT_KINDS.find((item) => item.value === kind)!;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setProblems(["Choose a file to import."]);
      return;
    }
    setBusy(true);
    setProblems([]);
    try {
      const made = await importEvidence(ref, { kind, file, transcript: kind === "media" ? transcript : null, department, redact });
      if (step) {
        const items = await batchItems(ref, made.batch.id);
        await Promise.all(items.filter((item) => item.mapping.step !== step).map((item) => placeItem(ref, item.id, step)));
        const placed = items.length;
        setReport({ ...made, by_step: placed ? { [step]: placed } : {}, batch: { ...made.batch, unmapped: 0 } });
      } else {
        setReport(made);
      }
      reload();
    } catch (error) {
      setProblems(error instanceof ApiError && error.problems.length ? describeProblems(error) : [error instanceof Error ? error.message : String(error)]);
    } finally {
      setBusy(false);
    }
  };

  const dropped = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const chosen = event.dataTransfer.files[0];
    if (chosen) setFile(chosen);
  };

  return (
    <Dialog open={open} title={report ? "Import report" : "Import evidence"} onClose={closeImport} wide>
      {report ? (
        <ImportReportView
          report={report}
          names={names}
          onReviewUnmapped={() => {
            closeImport();
            onReviewUnmapped();
          }}
          onAnother={() => {
            setReport(null);
            setFile(null);
          }}
          onDone={closeImport}
        />
      ) : (
        <form className="form import-form" onSubmit={submit}>
          <fieldset className="segmented kind-choice">
            <legend>Kind of data</legend>
            {IMPORT_KINDS.map((item) => (
              <label key={item.value}>
                <input type="radio" name="evidence-kind" value={item.value} checked={kind === item.value} onChange={() => setKind(item.value)} />
                {item.label}
              </label>
            ))}
          </fieldset>
          <p className="muted small">{choice.hint}</p>
          <div
            className={`drop-zone${over ? " over" : ""}`}
            onDragOver={(event) => {
              event.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={dropped}
          >
            {file ? <p className="chosen-file">{file.name}</p> : <p>Drop the file here, or</p>}
            <label className="button small file-pick">
              {file ? "Choose another file" : "Choose a file"}
              <input type="file" className="visually-hidden" accept={choice.accept} data-testid="import-file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
            </label>
          </div>
          {kind === "media" && (
            <label>
              <span>
                Transcript <span className="optional">(optional, for audio: VTT, SRT or text)</span>
              </span>
              <input type="file" accept=".vtt,.srt,.txt" onChange={(event) => setTranscript(event.target.files?.[0] ?? null)} />
            </label>
          )}
          <div className="field-row">
            <label>
              <span>
                Department <span className="optional">(who gathered it)</span>
              </span>
              <input value={department} onChange={(event) => setDepartment(event.target.value)} placeholder="e.g. support, marketing" list="evidence-departments" />
              <datalist id="evidence-departments">
                {(summary?.departments ?? []).map((share) => (
                  <option key={share.department} value={share.department} />
                ))}
              </datalist>
            </label>
            <label>
              Place the items on
              <select value={step} onChange={(event) => setStep(event.target.value)} data-testid="import-step">
                <option value="">Their steps (by column, rules or similarity)</option>
                {[...names].map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={redact} onChange={(event) => setRedact(event.target.checked)} />
            Redact emails, phone numbers and card numbers before the text is stored
          </label>
          {problems.length > 0 && (
            <div className="form-error" role="alert">
              <ul>
                {problems.slice(0, 8).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={closeImport}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={busy || !file}>
              {busy ? "Importing…" : "Import"}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

interface ReportProps {
  report: ImportReport;
  names: Map<string, string>;
  onReviewUnmapped: () => void;
  onAnother: () => void;
  onDone: () => void;
}

function ImportReportView({ report, names, onReviewUnmapped, onAnother, onDone }: ReportProps) {
  const { batch } = report;
  const placed = Object.entries(report.by_step);
  return (
    <div className="import-report" data-testid="import-report">
      <p className="muted small">
        {batch.file_name} · {batch.source}
        {batch.redactions ? ` · ${batch.redactions} redactions` : ""}
      </p>
      <ul className="report-counts">
        <li className="count-imported" data-testid="count-imported">
          <strong>{batch.imported}</strong> imported
        </li>
        <li className={`count-rejected${batch.rejected ? " has" : ""}`} data-testid="count-rejected">
          <strong>{batch.rejected}</strong> rejected
        </li>
        <li className={`count-unmapped${batch.unmapped ? " has" : ""}`} data-testid="count-unmapped">
          <strong>{batch.unmapped}</strong> unmapped
        </li>
      </ul>
      {placed.length > 0 && (
        <p>
          On the steps:{" "}
          {placed.map(([id, count], at) => (
            <span key={id}>
              {at ? ", " : ""}
              {names.get(id) ?? id} ({count})
            </span>
          ))}
        </p>
      )}
      {report.rejected_rows.length > 0 && (
        <table className="reject-table" data-testid="rejected-rows">
          <caption>Rejected rows: not stored (the other rows were)</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected_rows.slice(0, 200).map((row, at) => (
              <tr key={`${row.row}-${row.column}-${at}`} title={row.raw || undefined}>
                <td>{row.row}</td>
                <td>{row.column ?? "–"}</td>
                <td>{row.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.rejected_rows.length > 200 && <p className="muted small">…and {report.rejected_rows.length - 200} more.</p>}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onAnother}>
          Import another file
        </button>
        {batch.unmapped > 0 && (
          <button type="button" className="button" onClick={onReviewUnmapped}>
            Review {batch.unmapped} unmapped
          </button>
        )}
        <button type="button" className="button primary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
