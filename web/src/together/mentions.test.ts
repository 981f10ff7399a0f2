import { describe, expect, it } from "vitest";
import { type User, completeMention, handleFor, handlesOf, mentionAt, segmentsOf, suggestMembers } from "./mentions";

const person = (id: string, email: string, display_name: string): User => ({ id, email, display_name, created_at: "2025-01-01T00:00:00Z" });
const ana = person("1", "ana@example.com", "Ana López");
const ben = person("2", "ben@example.com", "Ben Okafor");
const anaToo = person("3", "ana@partner.org", "Ana Silva");

describe("handles", () => {
  it("are the server's: email, its local part, and the name joined by dots", () => {
    expect([...handlesOf(ana)]).toEqual(["ana@example.com", "ana", "ana.lópez"]);
  });

  it("use the local part unless another member answers to it too", () => {
    expect(handleFor(ben, [ana, ben])).toBe("ben");
    expect(handleFor(ana, [ana, ben, anaToo])).toBe("ana@example.com");
  });
});

describe("mentionAt", () => {
  it("finds the handle being typed before the caret", () => {
    expect(mentionAt("Thanks @be", 10)).toEqual({ start: 7, query: "be" });
    expect(mentionAt("@", 1)).toEqual({ start: 0, query: "" });
  });

  it("ignores an @ inside a word or an email address", () => {
    expect(mentionAt("mail ana@exa", 12)).toBeNull();
    expect(mentionAt("no mention here", 15)).toBeNull();
  });
});

describe("suggestMembers", () => {
  it("ranks handle matches before matches on a later word of the name", () => {
    const okafor = person("4", "x@example.com", "Zoe Bennett");
    expect(suggestMembers([okafor, ana, ben], "ben").map((user) => user.id)).toEqual(["2", "4"]);
  });

  it("offers everyone (sorted by name) for a bare @", () => {
    expect(suggestMembers([ben, ana], "").map((user) => user.display_name)).toEqual(["Ana López", "Ben Okafor"]);
  });
});

describe("completeMention", () => {
  it("replaces the partial handle and puts the caret after a space", () => {
    const text = "Ask @be about it";
    const done = completeMention(text, 7, { start: 4, query: "be" }, "ben");
    expect(done).toEqual({ text: "Ask @ben about it", caret: 9 });
  });
});

describe("segmentsOf", () => {
  it("cuts out mentions, resolved to members or to no one", () => {
    const parts = segmentsOf("@ana can you check? cc @nobody.", [ana]);
    expect(parts).toEqual([
      { kind: "mention", text: "@ana", handle: "ana", user: ana },
      { kind: "text", text: " can you check? cc " },
      { kind: "mention", text: "@nobody", handle: "nobody", user: null },
      { kind: "text", text: "." },
    ]);
  });

  it("leaves email addresses in running text alone", () => {
    expect(segmentsOf("write to ana@example.com", [ana])).toEqual([{ kind: "text", text: "write to ana@example.com" }]);
  });
});
