// The five criteria of a priority score as people read them: a name, what the raw input
// means, the field it is entered in, and a colour that never stands alone (every bar
// segment and chip carries the name and the points as text too).
import type { Criterion, InputSource, ScoreInputs, ScoreWeights, StoredScoring } from "./priorityTypes";

export interface CriterionInfo {
  id: Criterion;
  name: string;
  input: keyof ScoreInputs;
  means: string;
  /** A short unit hint for the entered value. */
  unit: (currency: string, period: string) => string;
  min?: number;
  max?: number;
  colour: string;
}

export const CRITERIA: readonly CriterionInfo[] = [
  {
    id: "cost",
    name: "Cost",
    input: "cost_per_customer",
    means: "What serving one customer through the journey costs",
    unit: (currency) => `${currency} per customer`,
    min: 0,
    colour: "#3b4cca",
  },
  {
    id: "sales",
    name: "Sales",
    input: "potential_sales",
    means: "Sales to win, or revenue at risk",
    unit: (currency, period) => `${currency} per ${period}`,
    min: 0,
    colour: "#0f766e",
  },
  {
    id: "strategy",
    name: "Strategy",
    input: "strategic_contribution",
    means: "Contribution to strategic goals, 1 (none) to 5 (core)",
    unit: () => "1 – 5",
    min: 1,
    max: 5,
    colour: "#7c3aed",
  },
  {
    id: "frequency",
    name: "Frequency",
    input: "frequency",
    means: "How many times the journey happens",
    unit: (_currency, period) => `journeys per ${period}`,
    min: 0,
    colour: "#9a4a06",
  },
  {
    id: "experience",
    name: "Experience",
    input: "experience",
    means: "The customer's experience on the emotion scale (a worse one is more pressing)",
    unit: () => "−2 … +2",
    min: -2,
    max: 2,
    colour: "#be185d",
  },
];

export const CRITERION_IDS: readonly Criterion[] = CRITERIA.map((criterion) => criterion.id);

export function criterionInfo(id: Criterion): CriterionInfo {
  return CRITERIA.find((criterion) => criterion.id === id) ?? CRITERIA[0]!;
}

export const SOURCE_NAMES: Record<InputSource, string> = {
  entered: "entered",
  evidence: "from evidence",
  event_log: "from the event log",
};

/** The server's defaults: every criterion counts the same. */
export const EQUAL_WEIGHTS: ScoreWeights = { cost: 1, sales: 1, strategy: 1, frequency: 1, experience: 1 };

/** The weights saved (the schema leaves them optional: the server's defaults apply then). */
export function savedWeights(saved: StoredScoring): ScoreWeights {
  return saved.settings.weights ?? EQUAL_WEIGHTS;
}

/** Each weight's share of the total (0..1); all zero gives all zero. */
export function weightShares(weights: ScoreWeights): Record<Criterion, number> {
  const total = CRITERION_IDS.reduce((sum, id) => sum + weightOf(weights, id), 0);
  return Object.fromEntries(CRITERION_IDS.map((id) => [id, total > 0 ? weightOf(weights, id) / total : 0])) as Record<
    Criterion,
    number
  >;
}

export function weightOf(weights: ScoreWeights, id: Criterion): number {
  return weights[id];
}

/** True when two weightings are the same (to a slider's precision). */
export function sameWeights(a: ScoreWeights, b: ScoreWeights): boolean {
  return CRITERION_IDS.every((id) => Math.abs(weightOf(a, id) - weightOf(b, id)) < 1e-9);
}

/** The query of a what-if: every weight, or nothing when the draft is the saved one. */
export function whatIfQuery(draft: ScoreWeights, saved: ScoreWeights): Partial<Record<Criterion, number>> {
  if (sameWeights(draft, saved)) return {};
  return Object.fromEntries(CRITERION_IDS.map((id) => [id, weightOf(draft, id)]));
}
