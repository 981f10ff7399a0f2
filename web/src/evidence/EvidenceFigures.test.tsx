import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { EvidenceFigures } from "./EvidenceFigures";
import type { StepEvidence } from "./evidenceFormat";

const M = "\u2212";

/** What GET .../evidence/summary said about a step of five angry survey answers. */
const PAY: StepEvidence = {
  step: "pay",
  items: 5,
  sentiment: { n: 5, mean: -0.70794, interval: { low: -1, high: -0.20587 } },
  nps: { n: 5, mean: -100, interval: { low: -100, high: -100 } },
  csat: { n: 5, mean: 0, interval: { low: 0, high: 43.448 } },
  ces: { n: 4, mean: 1.25, interval: { low: 0.45, high: 2.05 } },
  emotion: { n: 5, mean: -1.41588, interval: { low: -2, high: -0.41174 } },
  pain: ["sentiment", "nps"],
  themes: [{ phrase: "payment", count: 3, quotes: [{ evidence_id: "e1", text: "The payment failed twice." }] }],
  departments: [
    { department: "support", items: 4, kinds: { survey: 4 }, mean_sentiment: -0.7 },
    { department: "", items: 1, kinds: { chat: 1 }, mean_sentiment: null },
  ],
};

describe("the figures of a step's evidence", () => {
  it("gives sentiment with its interval and n, and each score with its n", () => {
    render(<EvidenceFigures found={PAY} handSet={null} />);
    expect(screen.getByTestId("sentiment-summary")).toHaveTextContent(`${M}0.71 95 % CI ${M}1.00 to ${M}0.21, n = 5 · VADER`);
    const nps = screen.getByTestId("score-nps");
    expect(nps).toHaveTextContent(`NPS${M}100n = 595 % CI ${M}100 to ${M}100`);
    expect(screen.getByTestId("score-csat")).toHaveTextContent("CSAT0 %n = 595 % CI 0 to 43 %");
    expect(screen.getByTestId("score-ces")).toHaveTextContent("CES1.3n = 4");
    expect(screen.getByRole("img", { name: `Sentiment: ${M}0.71 (95 % CI ${M}1.00 to ${M}0.21, n = 5)` })).toBeInTheDocument();
  });

  it("lists the pain reasons, themes with their quotes, and who contributed", () => {
    render(<EvidenceFigures found={PAY} handSet={null} />);
    expect(within(screen.getByTestId("pain-reasons")).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Sentiment: the whole 95 % interval lies below zero.",
      "NPS is under the workspace's threshold (0 by default).",
    ]);
    expect(screen.getByText("payment").closest("details")).toHaveTextContent("payment × 3The payment failed twice.");
    const rows = within(screen.getByRole("table")).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([`support4survey 4${M}0.70`, "Not named1chat 1–"]);
  });

  it("shows the derived emotion beside an unset one and offers it, rounded", async () => {
    const use = vi.fn();
    render(<EvidenceFigures found={PAY} handSet={null} onUseEmotion={use} />);
    expect(screen.getByTestId("derived-emotion")).toHaveTextContent(`${M}1.4 95 % CI ${M}2.0 to ${M}0.4, n = 5`);
    expect(screen.getByText(/Not set: the map shows the evidence's/)).toBeInTheDocument();
    expect(screen.queryByTestId("emotion-disagreement")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: `Set the emotion to ${M}1 (the evidence, rounded)` }));
    expect(use).toHaveBeenCalledWith(-1);
  });

  it("calls out a hand-set emotion the evidence contradicts, and none it supports", () => {
    const { unmount } = render(<EvidenceFigures found={PAY} handSet={2} />);
    expect(screen.getByTestId("emotion-disagreement")).toHaveTextContent(
      `≠ The evidence disagrees. Set by hand to +2, but the evidence says ${M}1.4 (95 % CI ${M}2.0 to ${M}0.4, n = 5).`,
    );
    expect(screen.queryByRole("button")).toBeNull(); // a viewer: nothing to set
    unmount();
    render(<EvidenceFigures found={PAY} handSet={-1} onUseEmotion={() => {}} />);
    expect(screen.queryByTestId("emotion-disagreement")).toBeNull();
    expect(screen.queryByRole("button", { name: /Set the emotion/ })).toBeNull();
  });

  it("says a single answer has no interval", () => {
    const one: StepEvidence = { step: "s", items: 1, sentiment: { n: 1, mean: 0.4, interval: null }, pain: [], themes: [], departments: [] };
    render(<EvidenceFigures found={one} handSet={null} />);
    expect(screen.getByTestId("sentiment-summary")).toHaveTextContent("+0.40 too few for an interval, n = 1");
    expect(screen.queryByText("Scores")).toBeNull();
  });
});
