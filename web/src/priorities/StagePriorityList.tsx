// One lifecycle stage's pain points and opportunities, ranked by expected impact
// (volume × negativity × value ÷ effort), each with the arithmetic and the evidence
// behind it; assumed values (not known, a default was taken) are marked as such.
import type { JourneyLookup } from "./journeyLookup";
import type { EvidenceRef, PriorityItem, Score, StagePriorities } from "./priorityTypes";

const EVIDENCE_NAMES: Record<string, string> = {
  insight: "Insight",
  note: "Note",
  opportunity: "Opportunity",
  evidence: "Evidence",
  event_log: "Event log",
  assumption: "Assumed",
};

function number(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString();
  return Number(value.toPrecision(3)).toLocaleString();
}

function evidenceLabel(ref: EvidenceRef, lookup: JourneyLookup | null): string {
  if (ref.kind === "insight") return lookup?.insights.get(ref.ref) ?? ref.ref;
  if (ref.kind === "opportunity") return lookup?.opportunities.get(ref.ref)?.title ?? ref.ref;
  return "";
}

interface Props {
  stage: StagePriorities;
  score: Score | null;
  lookup: JourneyLookup | null;
  maxImpact: number;
  canEdit: boolean;
  onCreateAction: (item: PriorityItem) => void;
}

export function StagePriorityList({ stage, score, lookup, maxImpact, canEdit, onCreateAction }: Props) {
  return (
    <section className="stage-priorities" aria-labelledby={`stage-${stage.stage}`} data-testid="stage-priorities">
      <header className="stage-priorities-head">
        <h2 id={`stage-${stage.stage}`}>{stage.name}</h2>
        {score && score.value !== null && (
          <span className="stage-score" title={score.formula}>
            Stage score <strong>{score.value}</strong>
          </span>
        )}
      </header>
      {stage.items.length === 0 ? (
        <p className="muted small stage-empty">No pain points or opportunities recorded in this stage.</p>
      ) : (
        <ol className="priority-items">
          {stage.items.map((item) => (
            <PriorityRow
              key={`${item.kind}:${item.id}`}
              item={item}
              lookup={lookup}
              maxImpact={maxImpact}
              canEdit={canEdit}
              onCreateAction={onCreateAction}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

interface RowProps {
  item: PriorityItem;
  lookup: JourneyLookup | null;
  maxImpact: number;
  canEdit: boolean;
  onCreateAction: (item: PriorityItem) => void;
}

function PriorityRow({ item, lookup, maxImpact, canEdit, onCreateAction }: RowProps) {
  const pain = item.kind === "pain_point";
  const share = maxImpact > 0 ? Math.max(2, (item.expected_impact / maxImpact) * 100) : 0;
  const evidence = item.evidence ?? [];
  return (
    <li className="priority-item" data-testid="priority-item">
      <span className="priority-rank" aria-label={`Rank ${item.rank} in the stage`}>
        {item.rank}
      </span>
      <div className="priority-body">
        <div className="priority-title-line">
          <span className={`priority-kind ${pain ? "pain" : "opportunity"}`}>
            <span aria-hidden="true">{pain ? "▼" : "✦"}</span> {pain ? "Pain point" : "Opportunity"}
          </span>
          <strong className="priority-title">{item.title}</strong>
          {canEdit && (
            <button type="button" className="button subtle small" onClick={() => onCreateAction(item)} aria-label={`Create an action for ${item.title}`}>
              + Action
            </button>
          )}
        </div>
        <div className="muted small">At step: {lookup?.stepNames.get(item.step) ?? item.step}</div>
        <div className="impact-line">
          <span className="impact-bar" aria-hidden="true">
            <span style={{ width: `${share}%` }} />
          </span>
          <span className="impact-value">
            Expected impact <strong>{number(item.expected_impact)}</strong>
          </span>
        </div>
        <div className="impact-formula small">
          volume {number(item.volume)} × negativity {number(item.negativity)} × value {number(item.value)} ÷ effort {number(item.effort)}
        </div>
        {evidence.length > 0 && (
          <ul className="evidence-refs" aria-label="Evidence behind it">
            {evidence.map((ref, index) => (
              <li key={`${ref.kind}:${ref.ref}:${index}`} className={ref.kind === "assumption" ? "assumed" : ""}>
                <span className="evidence-kind-label">{EVIDENCE_NAMES[ref.kind] ?? ref.kind}</span>{" "}
                {evidenceLabel(ref, lookup) && <span className="evidence-ref-title">{evidenceLabel(ref, lookup)} · </span>}
                <span>{ref.summary}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
