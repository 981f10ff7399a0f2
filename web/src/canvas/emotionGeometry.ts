// The emotion curve's geometry: -2 .. +2 around a baseline at 0. Negative points sit below
// the baseline and carry a label (and, when drawn, a warning icon), so a pain point never
// depends on its red colour alone.
import type { Column } from "./gridPlan";

export type Tone = "negative" | "neutral" | "positive";

export interface EmotionPoint {
  stepId: string;
  stepName: string;
  x: number;
  y: number;
  emotion: number;
  tone: Tone;
  label: string;
  /** Derived from evidence (no emotion set by hand): drawn hollow, with its interval. */
  derived?: { n: number; low: number | null; high: number | null };
}

/** The evidence's emotion for steps without a hand-set one (mean, n, 95 % interval). */
export type DerivedEmotions = ReadonlyMap<string, { mean: number; n: number; interval: { low: number; high: number } | null }>;

export interface EmotionCurveGeometry {
  width: number;
  height: number;
  baseline: number;
  points: EmotionPoint[];
  path: string;
  /** The stretches that run to or from a derived point, drawn dashed. */
  dashedPath: string;
}

/** Room above +2 for a label, and below -2 for the pain icon and its label. */
const ROOM_ABOVE = 32;
const ROOM_BELOW = 50;
const UNIT = 30;
export const CURVE_HEIGHT = ROOM_ABOVE + 4 * UNIT + ROOM_BELOW;

export function formatEmotion(emotion: number): string {
  if (emotion === 0) return "0";
  const sign = emotion > 0 ? "+" : "\u2212";
  return `${sign}${Math.abs(emotion)}`;
}

export function toneOf(emotion: number): Tone {
  return emotion < 0 ? "negative" : emotion > 0 ? "positive" : "neutral";
}

export function pointLabel(emotion: number, feeling: string | undefined): string {
  const word = feeling?.trim() ? ` · ${feeling.trim()}` : "";
  return `${emotion < 0 ? "Pain point " : ""}${formatEmotion(emotion)}${word}`;
}

/** Where an emotion sits on the curve, from its top. */
export function emotionY(emotion: number): number {
  return ROOM_ABOVE + (2 - emotion) * UNIT;
}

export function emotionGeometry(
  columns: readonly Column[],
  columnWidth: number,
  derived?: DerivedEmotions,
): EmotionCurveGeometry {
  const height = CURVE_HEIGHT;
  const baseline = emotionY(0);
  const points: EmotionPoint[] = [];
  for (const column of columns) {
    if (column.step == null) continue;
    const emotion = column.step.emotion;
    const x = (column.index + 0.5) * columnWidth;
    if (emotion != null) {
      points.push({
        stepId: column.step.id,
        stepName: column.step.name,
        x,
        y: emotionY(emotion),
        emotion,
        tone: toneOf(emotion),
        label: pointLabel(emotion, column.step.feeling),
      });
      continue;
    }
    const found = derived?.get(column.step.id);
    if (!found) continue;
    const value = Math.round(Math.max(-2, Math.min(2, found.mean)) * 10) / 10;
    const clamp = (bound: number) => emotionY(Math.max(-2, Math.min(2, bound)));
    points.push({
      stepId: column.step.id,
      stepName: column.step.name,
      x,
      y: emotionY(value),
      emotion: value,
      tone: toneOf(value),
      label: `${value < 0 ? "Pain point " : ""}${formatEmotion(value)} · evidence n=${found.n}`,
      derived: {
        n: found.n,
        low: found.interval ? clamp(found.interval.low) : null,
        high: found.interval ? clamp(found.interval.high) : null,
      },
    });
  }
  const solid: string[] = [];
  const dashed: string[] = [];
  let drawnTo = -1; // the index of the point the solid line last reached
  points.forEach((point, at) => {
    const before = points[at - 1];
    if (!before) return;
    if (before.derived || point.derived) {
      dashed.push(`M${before.x},${before.y} L${point.x},${point.y}`);
      return;
    }
    if (drawnTo !== at - 1) solid.push(`M${before.x},${before.y}`);
    solid.push(`L${point.x},${point.y}`);
    drawnTo = at;
  });
  const path = solid.join(" ");
  const dashedPath = dashed.join(" ");
  const lone = points.length === 1 && !points[0]!.derived ? `M${points[0]!.x},${points[0]!.y}` : "";
  return { width: columns.length * columnWidth, height, baseline, points, path: path || lone, dashedPath };
}
