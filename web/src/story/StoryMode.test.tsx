import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Journey } from "../api/types";
import { StoryMode } from "./StoryMode";
import { buildStory } from "./storyModel";

const journey = {
  id: "j",
  title: "Moving house",
  stages: [
    { id: "a", name: "Search", goal: "Find a flat", steps: [{ id: "s1", name: "Browses listings", emotion: 1 }] },
    { id: "b", name: "Move", needs: ["A van"], steps: [{ id: "s2", name: "Waits for the van", emotion: -2, feeling: "stressed" }] },
  ],
} as unknown as Journey;

function open(onExit = vi.fn()) {
  render(<StoryMode slides={buildStory(journey)} title={journey.title} onExit={onExit} fullscreen={false} />);
  return onExit;
}

const heading = () => screen.getByRole("heading", { level: 1 }).textContent;

describe("StoryMode", () => {
  it("walks forward and back through the stages by keyboard", () => {
    open();
    expect(heading()).toBe("Moving house");
    fireEvent.keyDown(window, { key: "ArrowRight" });
    expect(heading()).toBe("Search");
    expect(screen.getByText("Find a flat")).toBeInTheDocument();
    fireEvent.keyDown(window, { key: " " });
    expect(heading()).toBe("Move");
    expect(screen.getByTestId("story-count")).toHaveTextContent("3 / 4");
    fireEvent.keyDown(window, { key: "ArrowLeft" });
    expect(heading()).toBe("Search");
    fireEvent.keyDown(window, { key: "End" });
    expect(heading()).toBe("Where it hurts most");
  });

  it("shows a pain point below the baseline with an icon and words", () => {
    open();
    fireEvent.keyDown(window, { key: "ArrowRight" });
    fireEvent.keyDown(window, { key: "ArrowRight" });
    const point = screen.getByTestId("story-point");
    expect(point).toHaveClass("tone-negative", "below");
    expect(point).toHaveTextContent("▼Pain point \u22122 · stressed");
    expect(Number.parseFloat(point.style.top)).toBeGreaterThan(50);
  });

  it("leaves on Escape, and the buttons move as the keys do", async () => {
    const onExit = open();
    fireEvent.click(screen.getByRole("button", { name: "Next →" }));
    expect(heading()).toBe("Search");
    fireEvent.click(screen.getByRole("button", { name: "Go to the closing" }));
    expect(heading()).toBe("Where it hurts most");
    fireEvent.keyDown(window, { key: "Escape" });
    await vi.waitFor(() => expect(onExit).toHaveBeenCalledOnce());
  });

  it("offers nothing that edits", () => {
    open();
    fireEvent.keyDown(window, { key: "ArrowRight" });
    expect(screen.queryByRole("textbox")).toBeNull();
    const buttons = screen.getAllByRole("button").map((button) => button.textContent);
    expect(buttons.filter((text) => /add|delete|rename|edit/i.test(text ?? ""))).toEqual([]);
  });
});
