// The canvas toolbar's data tools: import evidence, the unmapped queue, the switch for the
// actual journey overlay and the Export menu; with the dialogs they open and the notices
// of uploads (said in a live region, so screen readers hear them too).
import { useEffect, useState } from "react";
import { isOn } from "../actual/actualOverlay";
import type { Journey } from "../api/types";
import { ExportMenu } from "../export/ExportMenu";
import { useEvidence } from "./EvidenceContext";
import { ImportEvidenceDialog } from "./ImportEvidenceDialog";
import { UnmappedQueue } from "./UnmappedQueue";
import "./evidence.css";

interface Props {
  journey: Journey;
}

function EvidenceNotice() {
  const { notice, setNotice } = useEvidence();
  useEffect(() => {
    if (!notice || notice.tone === "error") return;
    const timer = setTimeout(() => setNotice(null), 5000);
    return () => clearTimeout(timer);
  }, [notice, setNotice]);
  return (
    <div className="evidence-notice-region" role="status" aria-live="polite">
      {notice && (
        <div className={`evidence-notice notice-${notice.tone}`} data-testid="evidence-notice">
          <span>{notice.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

export function EvidenceTools({ journey }: Props) {
  const evidence = useEvidence();
  const { ref, editable, summary, overlay, toggleOverlay, setNotice } = evidence;
  const [queue, setQueue] = useState(false);
  if (!ref) return null;
  const unmapped = summary?.unmapped ?? 0;
  const on = isOn(overlay);
  return (
    <div className="evidence-tools" role="group" aria-label="Evidence and exports">
      {editable && (
        <button type="button" className="button" onClick={() => evidence.openImport(null)}>
          Import evidence
        </button>
      )}
      {unmapped > 0 && (
        <button type="button" className="button unmapped-button" onClick={() => setQueue(true)} data-testid="unmapped-button">
          Unmapped <span className="count-pill">{unmapped.toLocaleString("en-GB")}</span>
        </button>
      )}
      <button
        type="button"
        role="switch"
        aria-checked={on}
        className={`button switch-button${on ? " on" : ""}`}
        onClick={toggleOverlay}
        data-testid="actual-switch"
        title="Show what customers actually did, mined from the newest event log"
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        Actual journey
      </button>
      <ExportMenu
        workspaceId={ref.workspaceId}
        journeyId={ref.journeyId}
        actual={overlay.mode === "shown"}
        onError={(text) => setNotice({ tone: "error", text })}
      />
      <ImportEvidenceDialog journey={journey} onReviewUnmapped={() => setQueue(true)} />
      <UnmappedQueue open={queue} journey={journey} onClose={() => setQueue(false)} />
      <EvidenceNotice />
    </div>
  );
}
