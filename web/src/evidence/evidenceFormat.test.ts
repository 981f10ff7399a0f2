import { describe, expect, it } from "vitest";
import {
  describeMean,
  emotionDisagreement,
  fileKind,
  formatBytes,
  formatDate,
  formatInterval,
  formatN,
  formatNumber,
  formatScore,
  scalePercent,
  sentimentTone,
  shownEmotion,
} from "./evidenceFormat";

const M = "\u2212";

describe("numbers with n and their 95 % interval", () => {
  it("writes a real minus sign, rounds first, and signs positives only when asked", () => {
    expect(formatNumber(-0.70794)).toBe(`${M}0.71`);
    expect(formatNumber(0.004)).toBe("0.00");
    expect(formatNumber(-0.004)).toBe("0.00"); // no "−0.00"
    expect(formatNumber(1.25, 1, true)).toBe("+1.3");
    expect(formatNumber(0, 0, true)).toBe("0");
  });

  it("says n and the interval in words", () => {
    expect(formatN(5)).toBe("n = 5");
    expect(formatN(12345)).toBe("n = 12,345");
    expect(formatInterval({ low: -1, high: -0.2058 })).toBe(`${M}1.00 to ${M}0.21`);
    expect(formatInterval({ low: 0, high: 43.4482 }, 0, false, " %")).toBe("0 % to 43 %");
  });

  it("describes a mean with its interval, or says it is too small for one", () => {
    expect(describeMean({ n: 5, mean: -0.70794, interval: { low: -1, high: -0.20587 } })).toBe(
      `${M}0.71 (95 % CI ${M}1.00 to ${M}0.21, n = 5)`,
    );
    expect(describeMean({ n: 1, mean: 0.5, interval: null }, { digits: 1, signed: true })).toBe("+0.5 (n = 1, too few for an interval)");
  });

  it("shows NPS signed and whole, CSAT as a percentage, CES with one decimal", () => {
    expect(formatScore("nps", { n: 5, mean: -100, interval: { low: -100, high: -100 } })).toBe(`${M}100`);
    expect(formatScore("nps", { n: 4, mean: 25, interval: null })).toBe("+25");
    expect(formatScore("csat", { n: 5, mean: 0, interval: { low: 0, high: 43.4 } })).toBe("0 %");
    expect(formatScore("csat", { n: 3, mean: 66.6667, interval: null })).toBe("67 %");
    expect(formatScore("ces", { n: 5, mean: 1.4, interval: null })).toBe("1.4");
  });

  it("uses VADER's cut-offs for the tone of a score", () => {
    expect([-0.05, -0.049, 0, 0.049, 0.05].map(sentimentTone)).toEqual(["negative", "neutral", "neutral", "neutral", "positive"]);
  });

  it("places a value on its scale, clamped", () => {
    expect(scalePercent(0, -1, 1)).toBe(50);
    expect(scalePercent(-0.71, -1, 1)).toBe(14.5);
    expect(scalePercent(-3, -2, 2)).toBe(0);
    expect(scalePercent(9, -2, 2)).toBe(100);
  });
});

describe("a hand-set emotion against the evidence (the server's rule)", () => {
  const derived = { n: 5, mean: -1.41588, interval: { low: -2, high: -0.41174 } };

  it("disagrees outside the interval and a whole point away", () => {
    expect(emotionDisagreement(1, derived)).toBe(
      `Set by hand to +1, but the evidence says ${M}1.4 (95 % CI ${M}2.0 to ${M}0.4, n = 5).`,
    );
  });

  it("agrees inside the interval, or when closer than one point, or without an interval", () => {
    expect(emotionDisagreement(-1, derived)).toBeNull(); // inside
    expect(emotionDisagreement(-0.3, { n: 9, mean: -1.2, interval: { low: -1.3, high: -1.1 } })).toBeNull(); // outside, 0.9 away
    expect(emotionDisagreement(2, { n: 1, mean: -2, interval: null })).toBeNull();
    expect(emotionDisagreement(null, derived)).toBeNull();
    expect(emotionDisagreement(2, null)).toBeNull();
  });

  it("shows the hand-set emotion when there is one, else the evidence's, marked as derived", () => {
    expect(shownEmotion(0, derived)).toEqual({ value: 0, derived: false });
    expect(shownEmotion(null, derived)).toEqual({ value: -1.41588, derived: true });
    expect(shownEmotion(undefined, null)).toBeNull();
  });
});

describe("files and dates", () => {
  it("opens a file by its stored type", () => {
    expect(fileKind("image/png")).toBe("image");
    expect(fileKind("audio/wav")).toBe("audio");
    expect(fileKind("application/pdf")).toBe("document");
    expect(fileKind("text/markdown")).toBe("document");
  });

  it("writes sizes and days plainly, in UTC", () => {
    expect(formatBytes(73)).toBe("73 B");
    expect(formatBytes(1644)).toBe("1.6 KB");
    expect(formatBytes(52_000)).toBe("51 KB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.0 MB");
    expect(formatDate("2024-01-03T23:30:00Z")).toBe("3 Jan 2024");
    expect(formatDate(null)).toBe("");
    expect(formatDate("not a date")).toBe("");
  });
});
