import { describe, expect, it } from "vitest";
import { EXPORT_FORMATS, exportPath, fileNameOf } from "./exportFormats";

const format = (id: string) => EXPORT_FORMATS.find((item) => item.id === id)!;

describe("the Export menu's downloads", () => {
  it("offers the drawn map and the journey's text, in that order", () => {
    expect(EXPORT_FORMATS.map((item) => [item.id, item.map])).toEqual([
      ["png", true],
      ["pdf", true],
      ["svg", true],
      ["yaml", false],
      ["mermaid", false],
    ]);
  });

  it("asks for the actual journey over drawn maps only", () => {
    expect(exportPath("w", "j", format("pdf"), false)).toBe("/workspaces/w/journeys/j/map.pdf");
    expect(exportPath("w", "j", format("png"), true)).toBe("/workspaces/w/journeys/j/map.png?overlay=actual");
    expect(exportPath("w", "j", format("mermaid"), true)).toBe("/workspaces/w/journeys/j/export?format=mermaid");
    expect(exportPath("w", "j", format("yaml"), false)).toBe("/workspaces/w/journeys/j/export?format=yaml");
  });

  it("names the file as the server does, the UTF-8 name first", () => {
    expect(fileNameOf('attachment; filename="checkout-actual.pdf"', "x.pdf")).toBe("checkout-actual.pdf");
    expect(fileNameOf("attachment; filename=\"r_sum_.yaml\"; filename*=UTF-8''r%C3%A9sum%C3%A9.yaml", "x")).toBe("résumé.yaml");
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A", "fallback.svg")).toBe("fallback.svg");
    expect(fileNameOf(null, "journey.mmd")).toBe("journey.mmd");
  });
});
