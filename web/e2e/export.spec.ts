// Export from the page: the menu downloads the server's files. The PDF is checked the way
// a reader opens one: the header, the trailer, and every object the cross-reference table
// lists really starting where the table says; at least one page.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, makeJourney, signIn, test } from "./fixtures";

async function exportAs(page: Page, label: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole("button", { name: "Export" }).click();
  const menu = page.getByRole("menu", { name: "Export the journey" });
  await expect(menu.getByRole("menuitem")).toHaveCount(5);
  const waiting = page.waitForEvent("download");
  await menu.getByRole("menuitem", { name: new RegExp(`^${label}`) }).click();
  const download = await waiting;
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** The offsets of the in-use objects a classic cross-reference table lists. */
function xrefOffsets(pdf: Buffer): Map<number, number> {
  const text = pdf.toString("latin1");
  const start = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  expect(Number.isInteger(start), "startxref names the table").toBe(true);
  expect(text.slice(start, start + 4)).toBe("xref");
  const offsets = new Map<number, number>();
  const lines = text.slice(start).split(/\r?\n|\r/);
  let at = 1;
  while (/^\d+ \d+$/.test(lines[at]?.trim() ?? "")) {
    const [first, count] = lines[at]!.trim().split(" ").map(Number) as [number, number];
    for (let entry = 0; entry < count; entry++) {
      const [offset, , use] = lines[at + 1 + entry]!.trim().split(" ");
      if (use === "n") offsets.set(first + entry, Number(offset));
    }
    at += count + 1;
  }
  return offsets;
}

test("export the map as PDF (a file that opens) and the journey as YAML from the menu", async ({ page }) => {
  await signIn(page);
  const { workspace, id, slug } = await makeJourney(page, "Claiming a refund", [
    { name: "Ask", steps: ["Finds the form", "Sends the claim"] },
    { name: "Wait", steps: ["Gets the money"] },
  ]);
  await page.goto(`/w/${workspace}/j/${id}`);
  await expect(page.getByTestId("step-card")).toHaveCount(3);

  const pdf = await exportAs(page, "PDF");
  expect(pdf.name).toBe(`${slug}.pdf`);
  expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.bytes.subarray(-6).toString("latin1").trim()).toBe("%%EOF");
  const offsets = xrefOffsets(pdf.bytes);
  expect(offsets.size).toBeGreaterThan(3);
  const text = pdf.bytes.toString("latin1");
  for (const [object, offset] of offsets) {
    expect(text.slice(offset, offset + 20), `object ${object}`).toMatch(new RegExp(`^${object} 0 obj`));
  }
  expect(text.match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(1);

  const yaml = await exportAs(page, "YAML");
  expect(yaml.name).toBe(`${slug}.yaml`);
  expect(yaml.bytes.toString("utf8")).toContain("title: Claiming a refund");
  expect(yaml.bytes.toString("utf8")).toContain("name: Sends the claim");
});
