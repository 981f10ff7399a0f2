// Evidence at the touchpoints: files dropped on a step and opened in its panel (a picture
// full size, a recording with its transcript), and a survey import that turns a step
// without a hand-set emotion red below the baseline with its n, flags a hand-set emotion
// the evidence contradicts, lists the rejected row and lets a person place the unmapped one.
import type { Locator, Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./accessibility";
import { expect, screenshot, signIn, test } from "./fixtures";
import { TRANSCRIPT, VTT, png, postJourney, wav } from "./sampleFiles";

const JOURNEY = {
  id: "evidence",
  title: "Buying a kettle online",
  stages: [
    {
      id: "buy",
      name: "Buy",
      steps: [
        { id: "browse", name: "Browses the shop", emotion: 1 },
        { id: "pay", name: "Pays online" },
      ],
    },
    { id: "receive", name: "Receive", steps: [{ id: "deliver", name: "Receives the parcel", emotion: 2 }] },
  ],
};

const SURVEY = [
  "respondent_id,submitted_at,touchpoint,nps,csat,ces,comment",
  "R1,2024-03-01T10:00:00Z,Pays online,1,1,1,Terrible. The payment failed and I was charged twice. Awful and frustrating.",
  "R2,2024-03-01T11:00:00Z,Pays online,2,1,2,Horrible checkout; it crashed and I lost my order. Very angry.",
  "R3,2024-03-02T10:00:00Z,Pays online,0,2,1,Worst payment experience ever; error after error. Useless.",
  "R4,2024-03-02T11:00:00Z,Pays online,3,1,1,I hate this checkout. It is broken and slow. Disappointed.",
  "R5,2024-03-03T10:00:00Z,Pays online,2,2,2,Awful. Payment declined for no reason; terrible support.",
  "R6,2024-03-03T12:00:00Z,deliver,0,1,1,Terrible delivery. The parcel arrived broken and late. Awful.",
  "R7,2024-03-04T10:00:00Z,deliver,1,1,1,Horrible courier. Rude and the box was damaged. Terrible.",
  "R8,2024-03-04T12:00:00Z,deliver,2,1,2,Awful delivery; lost parcel and useless tracking. Terrible.",
  "R9,2024-03-05T10:00:00Z,deliver,1,2,1,Terrible. Late and damaged and the driver was rude. Awful.",
  "R10,2024-03-05T11:00:00Z,Pays online,15,2,2,Out of range",
  "R11,2024-03-06T10:00:00Z,gift wrapping,7,3,4,The wrapping paper had stripes",
].join("\n");

function card(page: Page, name: string): Locator {
  return page.getByTestId("step-card").filter({ hasText: name });
}

async function dropFiles(page: Page, target: Locator, files: { name: string; type: string; bytes: Buffer }[]) {
  const payload = files.map((file) => ({ name: file.name, type: file.type, data: file.bytes.toString("base64") }));
  const dataTransfer = await page.evaluateHandle((all) => {
    const transfer = new DataTransfer();
    for (const file of all) {
      const bytes = Uint8Array.from(atob(file.data), (char) => char.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
    }
    return transfer;
  }, payload);
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
}

test("attach a picture and a recording to a step and open them in its panel", async ({ page }) => {
  await signIn(page);
  const { workspace, id } = await postJourney(page, JOURNEY);
  await page.goto(`/w/${workspace}/j/${id}`);

  // A picture dropped on the step's card: the panel opens on its Evidence tab and shows it.
  await dropFiles(page, card(page, "Pays online"), [{ name: "checkout-error.png", type: "image/png", bytes: png(24) }]);
  const panel = page.getByTestId("step-panel");
  await expect(panel.getByRole("tab", { name: "Evidence" })).toHaveAttribute("aria-selected", "true");
  const thumbnail = panel.getByRole("img", { name: "checkout-error.png" });
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await panel.getByRole("button", { name: "Open checkout-error.png full size" }).click();
  const full = page.getByTestId("full-picture");
  await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
  await page.keyboard.press("Escape");
  await expect(full).toBeHidden();

  // A recording chosen in the panel: an audio player that really loads the file.
  await panel.getByTestId("attach-input").setInputFiles({ name: "interview.wav", mimeType: "audio/wav", buffer: wav(0.5) });
  const player = panel.getByTestId("audio-attachment").filter({ hasText: "interview.wav" }).locator("audio");
  await expect(player).toBeVisible();
  await expect.poll(() => player.evaluate((audio: HTMLAudioElement) => audio.duration), { timeout: 8000 }).toBeCloseTo(0.5, 1);

  // The same recording imported as evidence with its transcript, for this step.
  await panel.getByRole("button", { name: "Import evidence for this step…" }).click();
  const dialog = page.getByRole("dialog", { name: "Import evidence" });
  await dialog.getByLabel("Picture or recording").check();
  await dialog.getByTestId("import-file").setInputFiles({ name: "call-0417.wav", mimeType: "audio/wav", buffer: wav(0.5) });
  await dialog.getByLabel(/Transcript/).setInputFiles({ name: "call-0417.vtt", mimeType: "text/vtt", buffer: VTT });
  await expect(dialog.getByTestId("import-step")).toHaveValue("pay");
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  const report = page.getByTestId("import-report");
  await expect(report.getByTestId("count-imported")).toContainText("1");
  await expect(report).toContainText("Pays online (1)");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(panel.getByTestId("transcript")).toHaveText(TRANSCRIPT);
  await expect(panel.getByTestId("audio-attachment")).toHaveCount(2);
  await expect(card(page, "Pays online").getByTestId("evidence-badge")).toContainText("1");
  await panel.getByTestId("picture-attachment").scrollIntoViewIfNeeded();
  await screenshot(page, "evidence-files-panel");
});

test("import a survey: the step's derived emotion turns red below the baseline with its n", async ({ page }) => {
  await signIn(page);
  const { workspace, id } = await postJourney(page, JOURNEY);
  await page.goto(`/w/${workspace}/j/${id}`);
  const payPoint = page.locator('[data-testid="emotion-point"][data-step="pay"]');
  await expect(card(page, "Pays online")).toBeVisible();
  await expect(payPoint).toHaveCount(0); // no hand-set emotion, no evidence yet

  await page.getByRole("button", { name: "Import evidence" }).click();
  const dialog = page.getByRole("dialog", { name: "Import evidence" });
  await expect(dialog.getByLabel("Survey")).toBeChecked();
  await dialog.getByTestId("import-file").setInputFiles({ name: "march-survey.csv", mimeType: "text/csv", buffer: Buffer.from(SURVEY) });
  await dialog.getByLabel(/Department/).fill("support");
  await dialog.getByRole("button", { name: "Import", exact: true }).click();

  const report = page.getByTestId("import-report");
  await expect(report.getByTestId("count-imported")).toHaveText("10 imported");
  await expect(report.getByTestId("count-rejected")).toHaveText("1 rejected");
  await expect(report.getByTestId("count-unmapped")).toHaveText("1 unmapped");
  const rejected = report.getByTestId("rejected-rows").locator("tbody tr");
  await expect(rejected).toHaveCount(1);
  await expect(rejected.locator("td")).toHaveText(["10", "nps", "15 is not between 0 and 10"]);
  await screenshot(page, "evidence-import-report");

  // The unmapped row waits for a person, who places it.
  await report.getByRole("button", { name: "Review 1 unmapped" }).click();
  const queue = page.getByRole("dialog", { name: "Unmapped evidence" });
  const waiting = queue.getByTestId("unmapped-item");
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText("The wrapping paper had stripes");
  await waiting.getByRole("combobox").selectOption("browse");
  await waiting.getByRole("button", { name: "Place" }).click();
  await expect(queue).toContainText("Nothing waits");
  await queue.getByRole("button", { name: "Done" }).click();

  // On the canvas: a hollow red point below the baseline, with n; the badges on the cards.
  await expect(payPoint).toHaveAttribute("data-derived", "true");
  await expect(payPoint).toHaveAttribute("data-tone", "negative");
  await expect(payPoint.getByTestId("emotion-label")).toContainText("n=5");
  await expect(payPoint.getByTestId("pain-icon")).toBeVisible();
  const circle = payPoint.locator("circle");
  expect(await circle.evaluate((node) => getComputedStyle(node).stroke)).toBe("rgb(180, 35, 24)");
  expect(await circle.evaluate((node) => getComputedStyle(node).fill)).toBe("rgb(255, 255, 255)");
  const baseline = await page.getByTestId("emotion-baseline").boundingBox();
  const point = await circle.boundingBox();
  expect(point!.y).toBeGreaterThan(baseline!.y + baseline!.height);
  await expect(card(page, "Pays online").getByTestId("evidence-badge")).toContainText("5");
  await expect(card(page, "Pays online").getByTestId("pain-badge")).toBeVisible();
  await expect(card(page, "Receives the parcel").getByTestId("disagree-badge")).toHaveText("≠ hand-set");
  await expect(card(page, "Browses the shop").getByTestId("evidence-badge")).toContainText("1");

  // The panel: counts, sentiment with its interval and n, NPS with n, the pain reasons.
  await page.getByRole("button", { name: "Details of Pays online" }).click();
  const panel = page.getByTestId("step-panel");
  await panel.getByRole("tab", { name: /Evidence/ }).click();
  await expect(panel.getByTestId("evidence-count")).toHaveText("5 evidence items on this step");
  await expect(panel.getByTestId("sentiment-summary")).toContainText(/^−0\.\d\d 95 % CI −\d\.\d\d to −0\.\d\d, n = 5/);
  await expect(panel.getByTestId("score-nps")).toContainText("−100");
  await expect(panel.getByTestId("score-nps")).toContainText("n = 5");
  await expect(panel.getByTestId("derived-emotion")).toContainText("n = 5");
  await expect(panel.getByTestId("pain-reasons")).toContainText("whole 95 % interval lies below zero");
  await expect(panel.getByTestId("evidence-item")).toHaveCount(5);
  await expect(panel.getByTestId("evidence-item").first()).toContainText("support");
  await screenshot(page, "evidence-step-panel");
  await expectNoSeriousViolations(page);

  // The hand-set +2 of the delivery contradicts its evidence: said in words.
  await page.getByRole("button", { name: "Details of Receives the parcel" }).click();
  await expect(panel.getByTestId("emotion-disagreement")).toContainText("Set by hand to +2, but the evidence says −");
});
