// How the evidence's numbers are said on screen: a mean always with its n and, from n = 2,
// its 95 % interval; NPS as a signed whole number, CSAT as a percentage, CES out of 7. The
// rule for a hand-set emotion that contradicts the evidence mirrors the server's
// `evidence_stats.emotion_disagreement`, so the panel flags exactly what the lint and the
// SVG map flag.
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type MeanWithInterval = Schemas["MeanWithInterval"];
export type Interval = Schemas["Interval"];
export type StepEvidence = Schemas["StepEvidence"];
export type EvidenceSummary = Schemas["EvidenceSummary"];
export type EvidenceItem = Schemas["EvidenceItem"];
export type PainReason = Schemas["PainReason"];
export type Attachment = Schemas["Attachment"];

const MINUS = "\u2212";

/** `value` with `digits` decimals and a real minus sign; `signed` adds a plus to positives. */
export function formatNumber(value: number, digits = 2, signed = false): string {
  const rounded = Number(value.toFixed(digits));
  const text = Math.abs(rounded).toFixed(digits);
  if (rounded < 0) return `${MINUS}${text}`;
  return signed && rounded > 0 ? `+${text}` : text;
}

export function formatN(n: number): string {
  return `n = ${n.toLocaleString("en-GB")}`;
}

export function formatInterval(interval: Interval, digits = 2, signed = false, unit = ""): string {
  return `${formatNumber(interval.low, digits, signed)}${unit} to ${formatNumber(interval.high, digits, signed)}${unit}`;
}

export interface MeanFormat {
  digits?: number;
  signed?: boolean;
  unit?: string;
}

/** "−0.71 (95 % CI −1.00 to −0.21, n = 5)"; below n = 2 the interval is said to be missing. */
export function describeMean(value: MeanWithInterval, format: MeanFormat = {}): string {
  const { digits = 2, signed = false, unit = "" } = format;
  const mean = `${formatNumber(value.mean, digits, signed)}${unit}`;
  if (!value.interval) return `${mean} (${formatN(value.n)}, too few for an interval)`;
  return `${mean} (95 % CI ${formatInterval(value.interval, digits, signed, unit)}, ${formatN(value.n)})`;
}

/** The three survey scores, each in its own unit. */
export const SCORE_FORMATS = {
  nps: { digits: 0, signed: true, unit: "" },
  csat: { digits: 0, signed: false, unit: " %" },
  ces: { digits: 1, signed: false, unit: "" },
} as const satisfies Record<string, MeanFormat>;

export const SCORE_NAMES = {
  nps: { short: "NPS", long: "Net Promoter Score: % promoters (9–10) − % detractors (0–6)", scale: "−100 to +100" },
  csat: { short: "CSAT", long: "Customer satisfaction: share answering 4 or 5", scale: "0 to 100 %" },
  ces: { short: "CES", long: "Customer effort: mean answer, 7 = very easy", scale: "1 to 7" },
} as const;

export type ScoreName = keyof typeof SCORE_FORMATS;

export function formatScore(name: ScoreName, value: MeanWithInterval): string {
  return formatNumber(value.mean, SCORE_FORMATS[name].digits, SCORE_FORMATS[name].signed) + SCORE_FORMATS[name].unit;
}

export type SentimentTone = "negative" | "neutral" | "positive";

/** VADER's own cut-offs: at or below −0.05 negative, at or above +0.05 positive. */
export function sentimentTone(score: number): SentimentTone {
  return score <= -0.05 ? "negative" : score >= 0.05 ? "positive" : "neutral";
}

/** Where `value` sits on a scale from `min` to `max`, as a percentage clamped to 0..100. */
export function scalePercent(value: number, min: number, max: number): number {
  const share = (value - min) / (max - min);
  return Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
}

/**
 * Why a hand-set emotion contradicts the evidence, or null: it lies outside the derived
 * 95 % interval AND at least one whole point from the derived mean (a small gap is noise,
 * a wide interval is doubt). The server's rule, word for word.
 */
export function emotionDisagreement(handSet: number | null | undefined, derived: MeanWithInterval | null | undefined): string | null {
  if (handSet == null || derived == null || derived.interval == null) return null;
  const { low, high } = derived.interval;
  const inside = low <= handSet && handSet <= high;
  if (inside || Math.abs(handSet - derived.mean) < 1) return null;
  return (
    `Set by hand to ${formatNumber(handSet, 0, true)}, but the evidence says ${formatNumber(derived.mean, 1, true)} ` +
    `(95 % CI ${formatInterval(derived.interval, 1, true)}, ${formatN(derived.n)}).`
  );
}

/** The emotion the map shows for a step: the hand-set one, else the evidence's, else none. */
export function shownEmotion(
  handSet: number | null | undefined,
  derived: MeanWithInterval | null | undefined,
): { value: number; derived: boolean } | null {
  if (handSet != null) return { value: handSet, derived: false };
  if (derived != null) return { value: derived.mean, derived: true };
  return null;
}

export const PAIN_TEXT: Record<PainReason, string> = {
  sentiment: "Sentiment: the whole 95 % interval lies below zero.",
  nps: "NPS is under the workspace's threshold (0 by default).",
  csat: "CSAT is under the workspace's threshold (70 % by default).",
  complaint_rise: "Complaints rose clearly between the two periods.",
};

export type FileKind = "image" | "audio" | "document";

export function fileKind(contentType: string): FileKind {
  if (contentType.startsWith("image/")) return "image";
  if (contentType.startsWith("audio/")) return "audio";
  return "document";
}

/** Documents whose bytes are their text (shown in place without extraction). */
export function isPlainText(contentType: string): boolean {
  return contentType.startsWith("text/");
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(size < 10 * 1024 ? 1 : 0)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "3 Jan 2024" (in UTC, so a day never shifts with the viewer's time zone). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const when = new Date(iso);
  return Number.isNaN(when.getTime()) ? "" : DATE.format(when);
}

export const KIND_LABELS: Record<string, string> = {
  survey: "Survey",
  social: "Social",
  chat: "Chat",
  interview: "Interview",
  document: "Document",
  audio: "Audio",
  image: "Picture",
  analytics: "Analytics",
  note: "Note",
};
