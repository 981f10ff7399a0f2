// What a step card says about the data behind it: the evidence badge (how many items), a
// "Pain (evidence)" badge when the evidence detects one, "≠ hand-set" when the hand-set
// emotion contradicts it, and, with the actual journey switched on, the step's case count,
// drop-off and skips. Every signal is words and a glyph, never colour alone.
import { casesText, percent } from "../actual/actualOverlay";
import { useEvidence } from "./EvidenceContext";
import { emotionDisagreement, formatNumber } from "./evidenceFormat";

interface Props {
  stepId: string;
  stepName: string;
  emotion: number | null | undefined;
}

export function StepBadges({ stepId, stepName, emotion }: Props) {
  const { stepEvidence, overlay } = useEvidence();
  const found = stepEvidence(stepId);
  const actual = overlay.mode === "shown" ? overlay.overlay.steps.get(stepId) : undefined;
  const items = found?.items ?? 0;
  const disagrees = found ? emotionDisagreement(emotion, found.emotion) : null;
  const derivedOnly = emotion == null && found?.emotion;
  if (!items && !actual) return null;
  return (
    <div className="step-badges">
      {items > 0 && (
        <span
          className="evidence-badge"
          data-testid="evidence-badge"
          title={`${items} evidence ${items === 1 ? "item" : "items"} on ${stepName}`}
          aria-label={`${items} evidence ${items === 1 ? "item" : "items"}`}
        >
          <span aria-hidden="true">❝</span> {items.toLocaleString("en-GB")}
        </span>
      )}
      {derivedOnly && (
        <span className="derived-badge" title="No emotion set by hand: the evidence's is shown (hollow point)">
          <span aria-hidden="true">○</span> {formatNumber(found.emotion!.mean, 1, true)} evidence
        </span>
      )}
      {found?.pain?.length ? (
        <span className="pain-badge" data-testid="pain-badge" title={`Pain detected from evidence: ${found.pain.join(", ")}`}>
          <span aria-hidden="true">▼</span> Pain (evidence)
        </span>
      ) : null}
      {disagrees && (
        <span className="disagree-badge" data-testid="disagree-badge" title={disagrees}>
          ≠ hand-set
        </span>
      )}
      {actual && (
        <span className="actual-stats" data-testid="actual-stats">
          <span className="actual-cases" data-testid="actual-cases" title={`${percent(actual.share)} of all cases reached this step`}>
            <span aria-hidden="true">◆</span> {casesText(actual.cases)} · {percent(actual.share)}
          </span>
          {actual.dropOff > 0 && (
            <span className="actual-dropoff" data-testid="actual-dropoff">
              <span aria-hidden="true">↘</span> {percent(actual.dropOffShare)} drop off ({actual.dropOff.toLocaleString("en-GB")})
            </span>
          )}
          {actual.skipped > 0 && (
            <span className="actual-skipped" data-testid="actual-skipped">
              <span aria-hidden="true">⤼</span> skipped by {casesText(actual.skipped)}
            </span>
          )}
        </span>
      )}
    </div>
  );
}
