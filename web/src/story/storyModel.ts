// Story mode's content and navigation, worked out from the journey alone (and its evidence
// summary when there is one): an opening slide, one slide per stage with the customer's
// goal, needs, the steps with their emotion and what customers said, and a closing slide
// with the moments that hurt most. Pure, so the tests walk the same story the room sees.
import type { components } from "../api/schema";
import type { Journey, Step } from "../api/types";
import { CHANNEL_NAMES } from "../canvas/channels";
import { type Tone, formatEmotion, toneOf } from "../canvas/emotionGeometry";

export type EvidenceSummary = components["schemas"]["EvidenceSummary"];

export interface StoryStep {
  id: string;
  name: string;
  channel: string | null;
  emotion: number | null;
  tone: Tone | null;
  /** The emotion in words, never colour alone: "Pain point −2 · angry". */
  label: string;
}

export interface StoryQuote {
  text: string;
  /** Where it came from: the step it is about, and the source when known. */
  about: string;
}

export type Slide =
  | { kind: "intro"; title: string; description: string; personas: string[]; stages: string[] }
  | {
      kind: "stage";
      number: number;
      of: number;
      id: string;
      name: string;
      goal: string;
      needs: string[];
      steps: StoryStep[];
      quotes: StoryQuote[];
    }
  | { kind: "close"; title: string; lows: (StoryStep & { stage: string })[] };

export const QUOTES_PER_STAGE = 3;
const LOWS = 3;
const QUOTE_MARKS = /^["\u201C\u201E\u00AB'](.+?)["\u201D\u201C\u00BB']?$/s;

export function storyStep(step: Step): StoryStep {
  const emotion = step.emotion ?? null;
  const tone = emotion == null ? null : toneOf(emotion);
  const feeling = step.feeling?.trim() ? ` · ${step.feeling.trim()}` : "";
  const label =
    emotion == null ? "No emotion set" : `${tone === "negative" ? "Pain point " : ""}${formatEmotion(emotion)}${feeling}`;
  const channel = step.channel ? (CHANNEL_NAMES[step.channel] ?? step.channel) : null;
  return { id: step.id, name: step.name, channel, emotion, tone, label };
}

/** What customers said about the stage's steps: the evidence summary's theme quotes first,
 * then quotations written into the journey's own evidence notes. */
export function stageQuotes(steps: readonly Step[], summary: EvidenceSummary | null, limit = QUOTES_PER_STAGE): StoryQuote[] {
  const quotes: StoryQuote[] = [];
  const seen = new Set<string>();
  const add = (text: string, about: string) => {
    const clean = text.trim();
    if (!clean || seen.has(clean.toLowerCase()) || quotes.length >= limit) return;
    seen.add(clean.toLowerCase());
    quotes.push({ text: clean, about });
  };
  // The lowest steps first: a workshop should hear the pain in the customer's words.
  const ordered = [...steps].sort((a, b) => (a.emotion ?? 0) - (b.emotion ?? 0));
  for (const step of ordered) {
    for (const theme of summary?.steps?.[step.id]?.themes ?? []) {
      for (const quote of theme.quotes) add(quote.text, step.name);
    }
  }
  for (const step of ordered) {
    for (const note of step.evidence ?? []) {
      const quoted = QUOTE_MARKS.exec(note.text.trim());
      if (quoted) add(quoted[1]!, note.source ? `${step.name} · ${note.source}` : step.name);
    }
  }
  return quotes;
}

export function buildStory(journey: Journey, summary: EvidenceSummary | null = null): Slide[] {
  const stages = journey.stages ?? [];
  const slides: Slide[] = [
    {
      kind: "intro",
      title: journey.title,
      description: journey.description ?? "",
      personas: (journey.personas ?? []).map((persona) => persona.name),
      stages: stages.map((stage) => stage.name),
    },
  ];
  stages.forEach((stage, index) => {
    const steps = stage.steps ?? [];
    slides.push({
      kind: "stage",
      number: index + 1,
      of: stages.length,
      id: stage.id,
      name: stage.name,
      goal: stage.goal ?? "",
      needs: stage.needs ?? [],
      steps: steps.map(storyStep),
      quotes: stageQuotes(steps, summary),
    });
  });
  const lows = stages
    .flatMap((stage) => (stage.steps ?? []).map((step) => ({ ...storyStep(step), stage: stage.name })))
    .filter((step) => step.emotion != null && step.emotion < 0)
    .sort((a, b) => a.emotion! - b.emotion!)
    .slice(0, LOWS);
  slides.push({ kind: "close", title: journey.title, lows });
  return slides;
}

export type StoryMove = "next" | "previous" | "first" | "last" | "exit";

/** The move a key press asks for (arrows, space, page keys, Home/End, Escape). */
export function storyMove(event: Pick<KeyboardEvent, "key" | "shiftKey" | "altKey" | "ctrlKey" | "metaKey">): StoryMove | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  switch (event.key) {
    case "ArrowRight":
    case "ArrowDown":
    case "PageDown":
      return "next";
    case " ":
    case "Spacebar":
      return event.shiftKey ? "previous" : "next";
    case "ArrowLeft":
    case "ArrowUp":
    case "PageUp":
    case "Backspace":
      return "previous";
    case "Home":
      return "first";
    case "End":
      return "last";
    case "Escape":
      return "exit";
    default:
      return null;
  }
}

/** The slide after a move, kept within the story. */
export function moveTo(index: number, count: number, move: Exclude<StoryMove, "exit">): number {
  const last = Math.max(0, count - 1);
  if (move === "first") return 0;
  if (move === "last") return last;
  return Math.min(last, Math.max(0, index + (move === "next" ? 1 : -1)));
}

/** Where an emotion sits on the story's curve, as a fraction from the top (+2 at 0.26,
 * the baseline at 0.5, −2 at 0.74), so negative points are drawn below the baseline and
 * every point keeps room for its label (above a high point, below a low one). */
export function emotionHeight(emotion: number): number {
  return 0.5 - (Math.max(-2, Math.min(2, emotion)) / 2) * 0.24;
}
