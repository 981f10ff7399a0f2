// The unmapped queue: items no step was sure of, each with its best candidate, for a
// person to place. Placing one moves it onto the step's figures at once.
import { useEffect, useState } from "react";
import type { Journey } from "../api/types";
import { Dialog } from "../ui/Dialog";
import { useEvidence } from "./EvidenceContext";
import { placeItem, unmappedItems } from "./evidenceApi";
import { type EvidenceItem, KIND_LABELS, formatDate, formatNumber } from "./evidenceFormat";
import "./evidence.css";

const PAGE = 25;

interface Props {
  open: boolean;
  journey: Journey;
  onClose: () => void;
}

function QueueItem({ item, steps, editable, onPlace }: { item: EvidenceItem; steps: [string, string][]; editable: boolean; onPlace: (step: string) => Promise<void> }) {
  const candidate = item.mapping.candidate ?? "";
  const [step, setStep] = useState(candidate);
  const [busy, setBusy] = useState(false);
  const { draft } = item;
  const text = draft.text.trim() || draft.files?.[0]?.file_name || "(no text)";
  return (
    <li className="queue-item" data-testid="unmapped-item">
      <div className="item-meta">
        <span className={`item-kind kind-${draft.kind}`}>{KIND_LABELS[draft.kind] ?? draft.kind}</span>
        {draft.department && <span className="item-department">{draft.department}</span>}
        <span className="muted small">{formatDate(draft.occurred_at ?? item.imported_at)}</span>
        {draft.touchpoint && <span className="muted small">touchpoint “{draft.touchpoint}”</span>}
      </div>
      <blockquote className="item-quote">{text.length > 300 ? `${text.slice(0, 300)}…` : text}</blockquote>
      {editable ? (
        <form
          className="queue-place"
          onSubmit={(event) => {
            event.preventDefault();
            if (!step) return;
            setBusy(true);
            void onPlace(step).finally(() => setBusy(false));
          }}
        >
          <label>
            <span className="visually-hidden">Step for this item</span>
            <select value={step} onChange={(event) => setStep(event.target.value)} aria-label={`Step for: ${text.slice(0, 60)}`}>
              <option value="">Choose a step…</option>
              {steps.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                  {id === candidate ? ` (suggested, ${formatNumber(item.mapping.confidence * 100, 0)} %)` : ""}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button small primary" disabled={!step || busy}>
            Place
          </button>
        </form>
      ) : (
        candidate && <p className="muted small">Suggested: {steps.find(([id]) => id === candidate)?.[1] ?? candidate}</p>
      )}
    </li>
  );
}

export function UnmappedQueue({ open, journey, onClose }: Props) {
  const { ref, revision, reload, editable, setNotice } = useEvidence();
  const [items, setItems] = useState<EvidenceItem[]>([]);
  const [total, setTotal] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const steps = (journey.stages ?? []).flatMap((stage) => (stage.steps ?? []).map((step) => [step.id, step.name] as [string, string]));

  useEffect(() => {
    if (!open || !ref) return;
    let live = true;
    unmappedItems(ref, 0, PAGE)
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setTotal(page.total);
      })
      .catch((error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)));
    return () => {
      live = false;
    };
  }, [open, ref, revision]);

  const place = async (item: EvidenceItem, step: string) => {
    if (!ref) return;
    try {
      await placeItem(ref, item.id, step);
      setItems((shown) => shown.filter((other) => other.id !== item.id));
      setTotal((count) => count - 1);
      const name = steps.find(([id]) => id === step)?.[1] ?? step;
      setNotice({ tone: "info", text: `Placed on ${name}.` });
      reload();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <Dialog open={open} title="Unmapped evidence" onClose={onClose} wide>
      <p className="muted">
        {total
          ? `${total.toLocaleString("en-GB")} ${total === 1 ? "item waits" : "items wait"} for a person to pick the step. Each shows the best guess.`
          : "Nothing waits: every item is on a step."}
      </p>
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <ul className="unmapped-list">
        {items.map((item) => (
          <QueueItem key={item.id} item={item} steps={steps} editable={editable} onPlace={(step) => place(item, step)} />
        ))}
      </ul>
      {items.length < total && <p className="muted small">Showing {items.length} of {total}; place these to see more.</p>}
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
