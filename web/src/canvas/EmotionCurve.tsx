// The emotion curve under the steps: a dashed baseline at 0, a line through every step's
// emotion, positive points green above it, negative points red *below* it with a warning
// icon and a "Pain point" label, so the signal never rests on colour alone.
import { memo, useMemo } from "react";
import { useDerivedEmotions } from "../evidence/derivedEmotions";
import type { Column } from "./gridPlan";
import { type EmotionPoint, emotionGeometry } from "./emotionGeometry";

interface Props {
  columns: readonly Column[];
  columnWidth: number;
  selectedStepId: string | null;
  onSelectStep: (id: string) => void;
  /** Draw the points of these columns only (the line is always whole). */
  shown?: { from: number; to: number };
}

const MAX_LABEL = 30;

function clip(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

function Point({ point, selected, onSelect }: { point: EmotionPoint; selected: boolean; onSelect: () => void }) {
  const below = point.tone === "negative";
  return (
    <g
      className={`emotion-point tone-${point.tone}${selected ? " selected" : ""}${point.derived ? " derived" : ""}`}
      data-testid="emotion-point"
      data-step={point.stepId}
      data-tone={point.tone}
      data-derived={point.derived ? "true" : undefined}
      onClick={onSelect}
    >
      <title>{`${point.stepName}: ${point.label}${point.derived ? " (no emotion set by hand: derived from evidence)" : ""}`}</title>
      {point.derived?.low != null && point.derived.high != null && (
        <path
          className="evidence-whisker"
          d={`M${point.x},${point.derived.low} L${point.x},${point.derived.high} M${point.x - 4},${point.derived.low} L${point.x + 4},${point.derived.low} M${point.x - 4},${point.derived.high} L${point.x + 4},${point.derived.high}`}
        />
      )}
      <circle cx={point.x} cy={point.y} r={selected ? 8 : 6.5} />
      {below && (
        <path
          className="pain-icon"
          data-testid="pain-icon"
          aria-hidden="true"
          d={`M${point.x - 7},${point.y + 12} L${point.x + 7},${point.y + 12} L${point.x},${point.y + 24} Z`}
        />
      )}
      <text
        x={point.x}
        y={below ? point.y + 38 : point.y - 13}
        textAnchor="middle"
        className="emotion-label"
        data-testid="emotion-label"
      >
        {clip(point.label)}
      </text>
    </g>
  );
}

export const EmotionCurve = memo(function EmotionCurve({
  columns,
  columnWidth,
  selectedStepId,
  onSelectStep,
  shown,
}: Props) {
  const derived = useDerivedEmotions();
  const curve = useMemo(() => emotionGeometry(columns, columnWidth, derived), [columns, columnWidth, derived]);
  const first = (shown?.from ?? 0) * columnWidth;
  const last = (shown?.to ?? columns.length) * columnWidth;
  const negatives = curve.points.filter((point) => point.tone === "negative").length;
  const summary =
    curve.points.length === 0
      ? "No emotions set yet."
      : `Emotion curve over ${curve.points.length} steps; ${negatives} below the baseline (pain points).`;
  return (
    <svg
      className="emotion-curve"
      width={curve.width}
      height={curve.height}
      viewBox={`0 0 ${curve.width} ${curve.height}`}
      role="img"
      aria-label={summary}
      data-testid="emotion-curve"
    >
      <rect className="below-baseline" x={0} y={curve.baseline} width={curve.width} height={curve.height - curve.baseline} />
      <line
        className="baseline"
        data-testid="emotion-baseline"
        x1={0}
        x2={curve.width}
        y1={curve.baseline}
        y2={curve.baseline}
      />
      {curve.path && <path className="emotion-line" d={curve.path} />}
      {curve.dashedPath && <path className="emotion-line derived-line" d={curve.dashedPath} />}
      {curve.points.filter((point) => point.x >= first && point.x < last).map((point) => (
        <Point
          key={point.stepId}
          point={point}
          selected={point.stepId === selectedStepId}
          onSelect={() => onSelectStep(point.stepId)}
        />
      ))}
    </svg>
  );
});
