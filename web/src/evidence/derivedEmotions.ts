// The evidence's emotions for the curve, as one map that only changes when the summary does
// (so the curve's geometry is not worked out again on every render).
import { useMemo } from "react";
import type { DerivedEmotions } from "../canvas/emotionGeometry";
import { useEvidence } from "./EvidenceContext";

export function useDerivedEmotions(): DerivedEmotions | undefined {
  const { summary } = useEvidence();
  return useMemo(() => {
    if (!summary) return undefined;
    const found = new Map<string, { mean: number; n: number; interval: { low: number; high: number } | null }>();
    for (const [step, evidence] of Object.entries(summary.steps)) {
      if (evidence.emotion) found.set(step, evidence.emotion);
    }
    return found;
  }, [summary]);
}
