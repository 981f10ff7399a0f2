// Names for the scoring, action and KPI types, all taken from the generated schema (never
// written by hand), kept beside the screens that use them.
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type Criterion = Schemas["Criterion"];
export type ScoreBoard = Schemas["ScoreBoard"];
export type RankedScore = Schemas["RankedScore"];
export type Score = Schemas["Score"];
export type Contribution = Schemas["CriterionContribution"];
export type ScoreWeights = Schemas["ScoreWeights"];
export type StoredScoring = Schemas["StoredScoring"];
export type SensitivityReport = Schemas["SensitivityReport"];
export type WeightShift = Schemas["WeightShift"];
export type StoredInputs = Schemas["StoredInputs"];
export type ScoreInputs = Schemas["ScoreInputs"];
export type SourcedValue = Schemas["SourcedValue"];
export type InputSource = Schemas["InputSource"];
export type JourneyScores = Schemas["JourneyScores"];
export type JourneyPriorities = Schemas["JourneyPriorities"];
export type StagePriorities = Schemas["StagePriorities"];
export type PriorityItem = Schemas["PriorityItem"];
export type EvidenceRef = Schemas["EvidenceRef"];
export type StoredAction = Schemas["StoredAction"];
export type NewAction = Schemas["NewAction"];
export type ActionEdit = Schemas["ActionEdit"];
export type ActionStatus = Schemas["ActionStatus"];
export type ActionKind = Schemas["ActionKind"];
export type StoredKpi = Schemas["StoredKpi"];
export type Kpi = Schemas["Kpi"];
export type KpiKind = Schemas["KpiKind"];
export type KpiSeries = Schemas["KpiSeries"];
export type KpiPoint = Schemas["KpiPoint"];
