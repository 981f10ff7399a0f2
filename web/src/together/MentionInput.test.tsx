import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { MentionInput } from "./MentionInput";
import type { User } from "./mentions";

const members: User[] = [
  { id: "1", email: "vera@cxmap.example", display_name: "Vera Viewer", created_at: "2025-01-01T00:00:00Z" },
  { id: "2", email: "demo@cxmap.example", display_name: "Demo Analyst", created_at: "2025-01-01T00:00:00Z" },
];

function Box({ onSubmit = vi.fn() }: { onSubmit?: () => void }) {
  const [value, setValue] = useState("");
  return <MentionInput value={value} onChange={setValue} onSubmit={onSubmit} members={members} label="Add a comment" />;
}

function type(field: HTMLTextAreaElement, text: string) {
  fireEvent.change(field, { target: { value: text, selectionStart: text.length, selectionEnd: text.length } });
}

describe("MentionInput", () => {
  it("suggests members after @ and inserts the chosen handle", async () => {
    render(<Box />);
    const field = screen.getByLabelText("Add a comment") as HTMLTextAreaElement;
    type(field, "Can @");
    expect(screen.getAllByRole("option").map((option) => option.textContent)).toEqual([
      "DADemo Analyst@demo",
      "VVVera Viewer@vera",
    ]);
    type(field, "Can @ve");
    const options = screen.getAllByRole("option");
    expect(options).toHaveLength(1);
    expect(field).toHaveAttribute("aria-activedescendant", options[0]!.id);
    fireEvent.keyDown(field, { key: "Enter" });
    expect(field.value).toBe("Can @vera ");
    expect(screen.queryByRole("listbox")).toBeNull();
  });

  it("moves through suggestions with the arrows and closes them with Escape", () => {
    render(<Box />);
    const field = screen.getByLabelText("Add a comment") as HTMLTextAreaElement;
    type(field, "@");
    fireEvent.keyDown(field, { key: "ArrowDown" });
    expect(screen.getAllByRole("option")[1]).toHaveAttribute("aria-selected", "true");
    fireEvent.keyDown(field, { key: "Escape" });
    expect(screen.queryByRole("listbox")).toBeNull();
  });

  it("sends with Ctrl+Enter", () => {
    const onSubmit = vi.fn();
    render(<Box onSubmit={onSubmit} />);
    const field = screen.getByLabelText("Add a comment") as HTMLTextAreaElement;
    type(field, "Looks good");
    fireEvent.keyDown(field, { key: "Enter", ctrlKey: true });
    expect(onSubmit).toHaveBeenCalledOnce();
  });
});
