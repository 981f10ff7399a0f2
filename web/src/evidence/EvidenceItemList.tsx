// One step's evidence items as quotes: what kind, from where, which department, when, the
// ratings and the sentiment, and the files that came with them (opened in place).
import { useEffect, useState } from "react";
import { AttachmentView } from "./AttachmentViews";
import { useEvidence } from "./EvidenceContext";
import { stepItems } from "./evidenceApi";
import { type EvidenceItem, KIND_LABELS, formatDate, formatNumber, sentimentTone } from "./evidenceFormat";

const PAGE = 20;
const QUOTE_CHARS = 360;

function Ratings({ item }: { item: EvidenceItem }) {
  const ratings = item.draft.ratings;
  const parts = [
    ratings?.nps != null ? `NPS answer ${ratings.nps}/10` : null,
    ratings?.csat != null ? `CSAT ${ratings.csat}/5` : null,
    ratings?.ces != null ? `CES ${ratings.ces}/7` : null,
  ].filter(Boolean);
  return parts.length ? <span className="item-ratings">{parts.join(" · ")}</span> : null;
}

function Quote({ text }: { text: string }) {
  const [all, setAll] = useState(false);
  if (!text.trim()) return null;
  const long = text.length > QUOTE_CHARS;
  return (
    <>
      <blockquote className="item-quote">{all || !long ? text : `${text.slice(0, QUOTE_CHARS).trimEnd()}…`}</blockquote>
      {long && (
        <button type="button" className="link-button small" onClick={() => setAll((value) => !value)}>
          {all ? "Show less" : "Show the whole text"}
        </button>
      )}
    </>
  );
}

export function ItemCard({ item, workspaceId }: { item: EvidenceItem; workspaceId: string }) {
  const { draft } = item;
  const files = (draft.files ?? []).filter((file) => file.attachment_id);
  const withFile = files.length > 0 && (draft.kind === "audio" || draft.kind === "image" || draft.kind === "document");
  const when = formatDate(draft.occurred_at ?? item.imported_at);
  const source = draft.url ? (
    <a href={draft.url} target="_blank" rel="noreferrer noopener">
      {draft.source || draft.url}
    </a>
  ) : (
    draft.source
  );
  return (
    <li className="evidence-item" data-testid="evidence-item">
      <div className="item-meta">
        <span className={`item-kind kind-${draft.kind}`}>{KIND_LABELS[draft.kind] ?? draft.kind}</span>
        {draft.department && <span className="item-department">{draft.department}</span>}
        {when && <span className="muted small">{when}</span>}
        {item.sentiment != null && (
          <span className={`item-sentiment tone-text-${sentimentTone(item.sentiment)}`} title="VADER compound score, −1 to +1">
            {sentimentTone(item.sentiment) === "negative" ? "▼" : sentimentTone(item.sentiment) === "positive" ? "▲" : "●"}{" "}
            {formatNumber(item.sentiment, 2, true)}
          </span>
        )}
      </div>
      {withFile ? (
        files.map((file) => (
          <AttachmentView
            key={file.attachment_id}
            workspaceId={workspaceId}
            file={{ id: file.attachment_id!, fileName: file.file_name, contentType: file.content_type, text: draft.text }}
          />
        ))
      ) : (
        <Quote text={draft.text} />
      )}
      <div className="item-foot muted small">
        <Ratings item={item} />
        {source && <span className="item-source">{source}</span>}
        {draft.author && <span>{draft.author}</span>}
        {item.redacted && <span title="Emails, phone and card numbers were replaced">redacted</span>}
        {item.mapping.method !== "column" && item.mapping.method !== "manual" && (
          <span title="How the item found this step">
            {item.mapping.method} {Math.round(item.mapping.confidence * 100)} %
          </span>
        )}
      </div>
    </li>
  );
}

export function EvidenceItemList({ stepId }: { stepId: string }) {
  const { ref, revision } = useEvidence();
  const [items, setItems] = useState<EvidenceItem[]>([]);
  const [total, setTotal] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!ref) return;
    let live = true;
    stepItems(ref, stepId, 0, PAGE)
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setTotal(page.total);
        setFailure(null);
      })
      .catch((error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)));
    return () => {
      live = false;
    };
  }, [ref, stepId, revision]);

  const more = () => {
    if (!ref) return;
    stepItems(ref, stepId, items.length, PAGE)
      .then((page) => {
        setItems((shown) => [...shown, ...page.items]);
        setTotal(page.total);
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  };

  if (!ref) return null;
  if (failure) return <p className="form-error">{failure}</p>;
  if (!total) return null;
  return (
    <section className="evidence-block" aria-labelledby="quotes-title">
      <h4 id="quotes-title">
        Quotes and items <span className="muted small">({total.toLocaleString("en-GB")})</span>
      </h4>
      <ul className="evidence-items">
        {items.map((item) => (
          <ItemCard key={item.id} item={item} workspaceId={ref.workspaceId} />
        ))}
      </ul>
      {items.length < total && (
        <button type="button" className="button small" onClick={more}>
          Show {Math.min(PAGE, total - items.length)} more of {total - items.length}
        </button>
      )}
    </section>
  );
}
