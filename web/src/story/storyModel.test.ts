import { describe, expect, it } from "vitest";
import type { Journey } from "../api/types";
import { type EvidenceSummary, buildStory, emotionHeight, moveTo, stageQuotes, storyMove } from "./storyModel";

// Only the fields that matter here; the server fills in the rest.
const journey = {
  id: "refund",
  title: "Claiming a refund",
  description: "From the broken parcel to the money back.",
  personas: [{ id: "p", name: "Priya" }],
  stages: [
    {
      id: "claim",
      name: "Claim",
      goal: "Get my money back",
      needs: ["A simple form"],
      steps: [
        { id: "form", name: "Fills in the form", channel: "web", emotion: 1, feeling: "hopeful" },
        {
          id: "upload",
          name: "Uploads the receipt",
          emotion: -2,
          feeling: "angry",
          evidence: [
            { kind: "survey", text: "\u201CThe upload failed three times.\u201D", source: "Survey 2025" },
            { kind: "analytics", text: "12 % abandon here", source: "Funnel" },
          ],
        },
      ],
    },
    { id: "wait", name: "Wait", steps: [{ id: "email", name: "Gets an email", emotion: -1 }] },
  ],
} as unknown as Journey;

const summary = {
  journey_id: "x",
  items: 3,
  unmapped: 0,
  departments: [],
  steps: {
    form: {
      step: "form",
      items: 2,
      sentiment: null,
      themes: [{ phrase: "easy form", count: 2, quotes: [{ evidence_id: "e1", text: "The form was easy" }] }],
    },
    upload: {
      step: "upload",
      items: 1,
      sentiment: null,
      themes: [{ phrase: "upload", count: 1, quotes: [{ evidence_id: "e2", text: "Upload kept failing" }] }],
    },
  },
} as unknown as EvidenceSummary;

describe("buildStory", () => {
  it("opens with the journey, gives each stage a slide and closes with the lowest moments", () => {
    const slides = buildStory(journey);
    expect(slides.map((slide) => slide.kind)).toEqual(["intro", "stage", "stage", "close"]);
    expect(slides[0]).toMatchObject({ title: "Claiming a refund", personas: ["Priya"], stages: ["Claim", "Wait"] });
    expect(slides[1]).toMatchObject({ number: 1, of: 2, name: "Claim", goal: "Get my money back", needs: ["A simple form"] });
    const close = slides[3]!;
    expect(close.kind === "close" && close.lows.map((low) => [low.name, low.stage])).toEqual([
      ["Uploads the receipt", "Claim"],
      ["Gets an email", "Wait"],
    ]);
  });

  it("labels emotions in words, pain points included, never by colour alone", () => {
    const stage = buildStory(journey)[1]!;
    expect(stage.kind === "stage" && stage.steps.map((step) => [step.tone, step.label, step.channel])).toEqual([
      ["positive", "+1 · hopeful", "Web"],
      ["negative", "Pain point \u22122 · angry", null],
    ]);
  });

  it("quotes the evidence summary first, lowest step first, then the journey's own quotations", () => {
    expect(stageQuotes(journey.stages![0]!.steps!, summary)).toEqual([
      { text: "Upload kept failing", about: "Uploads the receipt" },
      { text: "The form was easy", about: "Fills in the form" },
      { text: "The upload failed three times.", about: "Uploads the receipt · Survey 2025" },
    ]);
  });

  it("has no quotes without evidence, and never takes figures for quotes", () => {
    expect(stageQuotes(journey.stages![1]!.steps!, null)).toEqual([]);
    expect(stageQuotes(journey.stages![0]!.steps!, null).map((quote) => quote.text)).toEqual(["The upload failed three times."]);
  });
});

describe("navigation", () => {
  const key = (key: string, more: Partial<KeyboardEvent> = {}) =>
    storyMove({ key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...more });

  it("maps arrows, space, page keys, Home, End and Escape", () => {
    expect([key("ArrowRight"), key(" "), key("PageDown"), key("ArrowLeft"), key(" ", { shiftKey: true })]).toEqual([
      "next",
      "next",
      "next",
      "previous",
      "previous",
    ]);
    expect([key("Home"), key("End"), key("Escape"), key("a"), key("ArrowRight", { ctrlKey: true })]).toEqual([
      "first",
      "last",
      "exit",
      null,
      null,
    ]);
  });

  it("stays within the story", () => {
    expect(moveTo(0, 4, "previous")).toBe(0);
    expect(moveTo(0, 4, "next")).toBe(1);
    expect(moveTo(3, 4, "next")).toBe(3);
    expect(moveTo(1, 4, "last")).toBe(3);
    expect(moveTo(2, 4, "first")).toBe(0);
  });

  it("draws negative emotions below the baseline", () => {
    expect(emotionHeight(0)).toBe(0.5);
    expect(emotionHeight(-2)).toBeCloseTo(0.74);
    expect(emotionHeight(2)).toBeCloseTo(0.26);
    expect(emotionHeight(-5)).toBe(emotionHeight(-2));
    expect(emotionHeight(-1)).toBeGreaterThan(0.5);
  });
});
