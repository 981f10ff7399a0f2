// The strip above the canvas while "Actual journey" is on: which log, how many cases and
// events, how many followed the desired journey, a legend, the activities that match no
// step (off-journey, hatched), and uploading a newer log. Without a log it asks for one.
import { useRef, useState } from "react";
import { useEvidence } from "../evidence/EvidenceContext";
import { formatDate } from "../evidence/evidenceFormat";
import { casesText, percent } from "./actualOverlay";
import "./actual.css";

export const LOG_TYPES = ".csv,.tsv,.parquet,.xes,.gz";

function UploadLog({ label, primary }: { label: string; primary?: boolean }) {
  const { uploadLog, editable } = useEvidence();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (!editable) return null;
  return (
    <span className="upload-log">
      <button type="button" className={`button small${primary ? " primary" : ""}`} disabled={busy} onClick={() => input.current?.click()}>
        {busy ? "Mining the log…" : label}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept={LOG_TYPES}
        data-testid="event-log-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (!file) return;
          setBusy(true);
          setFailure(null);
          uploadLog(file)
            .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)))
            .finally(() => setBusy(false));
        }}
      />
      {failure && (
        <span className="form-error inline-error" role="alert">
          The log was not mined: {failure}
        </span>
      )}
    </span>
  );
}

export function ActualOverlayBar({ version }: { version: number }) {
  const { overlay } = useEvidence();
  if (overlay.mode === "off") return null;
  if (overlay.mode === "loading") {
    return (
      <div className="actual-bar" role="status">
        Loading the actual journey…
      </div>
    );
  }
  if (overlay.mode === "missing" || overlay.mode === "failed") {
    return (
      <div className="actual-bar" role="status" data-testid="actual-bar">
        <span>
          {overlay.mode === "failed"
            ? `The actual journey could not be loaded: ${overlay.message}`
            : "No event log yet. Upload one (CSV, TSV, Parquet or XES, one row per event) to see what customers actually did."}
        </span>
        <UploadLog label="Upload event log…" primary />
      </div>
    );
  }
  const shown = overlay.overlay;
  return (
    <div className="actual-bar" role="region" aria-label="Actual journey" data-testid="actual-bar">
      <div className="actual-facts">
        <strong>Actual journey</strong>
        <span>{shown.logName ?? "event log"}</span>
        <span data-testid="actual-total">{casesText(shown.cases)}</span>
        <span>{shown.events.toLocaleString("en-GB")} events</span>
        {shown.conformingShare != null && <span>{percent(shown.conformingShare)} followed the desired journey</span>}
        <span className="muted">mined {formatDate(shown.recordedAt)}</span>
        {shown.journeyVersion !== version && (
          <span className="actual-stale" title="Steps added or renamed since are not in these counts">
            mined against version {shown.journeyVersion}
          </span>
        )}
      </div>
      <ul className="actual-legend" aria-label="Legend">
        <li>
          <span className="legend-flow" aria-hidden="true" /> observed move (width = cases)
        </li>
        <li>
          <span className="legend-flow unexpected" aria-hidden="true" /> unexpected move (dashed)
        </li>
        <li>
          <span className="legend-off" aria-hidden="true" /> off-journey activity (hatched)
        </li>
      </ul>
      {shown.unexpected.length > 0 && (
        <ul className="off-journey" aria-label="Activities that match no step" data-testid="off-journey">
          {shown.unexpected.slice(0, 8).map((item) => (
            <li key={item.activity} className="off-journey-chip" data-testid="off-journey-activity">
              <span className="off-tag">Off-journey</span> {item.activity}{" "}
              <span className="small">
                · {casesText(item.cases)}, {item.count.toLocaleString("en-GB")} {item.count === 1 ? "event" : "events"}
              </span>
            </li>
          ))}
          {shown.unexpected.length > 8 && <li className="muted small">and {shown.unexpected.length - 8} more</li>}
        </ul>
      )}
      <UploadLog label="Upload a newer log…" />
    </div>
  );
}
