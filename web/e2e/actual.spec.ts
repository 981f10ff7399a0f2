// Desired vs actual: an event log uploaded from the canvas is mined against the journey,
// and the "Actual journey" switch lays its counts over the map: cases per step, drop-off,
// a skipped step, flows as wide as their counts, the unexpected move dashed and labelled,
// and the activity that matches no step listed as off-journey.
import { expectNoSeriousViolations } from "./accessibility";
import { expect, screenshot, signIn, test } from "./fixtures";
import { postJourney } from "./sampleFiles";

const JOURNEY = {
  id: "actual",
  title: "Ordering groceries",
  kind: "desired",
  stages: [
    {
      id: "order",
      name: "Order",
      steps: [
        { id: "browse", name: "Browses the shop", next: ["pay"] },
        { id: "pay", name: "Pays online", next: ["deliver"] },
      ],
    },
    { id: "receive", name: "Receive", steps: [{ id: "deliver", name: "Receives the parcel", final: true }] },
  ],
};

// c1 follows the journey; c2 calls support on the way; c3 leaves after browsing; c4 skips paying.
const LOG = [
  "case_id,activity,timestamp",
  "c1,Browses the shop,2024-05-01T10:00:00Z",
  "c1,Pays online,2024-05-01T10:05:00Z",
  "c1,Receives the parcel,2024-05-02T10:00:00Z",
  "c2,Browses the shop,2024-05-01T11:00:00Z",
  "c2,Calls support,2024-05-01T11:04:00Z",
  "c2,Pays online,2024-05-01T11:20:00Z",
  "c2,Receives the parcel,2024-05-03T09:00:00Z",
  "c3,Browses the shop,2024-05-01T12:00:00Z",
  "c4,Browses the shop,2024-05-01T13:00:00Z",
  "c4,Receives the parcel,2024-05-02T13:00:00Z",
].join("\n");

test("upload an event log and switch the actual journey on and off over the map", async ({ page }) => {
  await signIn(page);
  const { workspace, id } = await postJourney(page, JOURNEY);
  await page.goto(`/w/${workspace}/j/${id}`);
  const card = (name: string) => page.getByTestId("step-card").filter({ hasText: name });
  await expect(card("Pays online")).toBeVisible();

  const toggle = page.getByRole("switch", { name: "Actual journey" });
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  const bar = page.getByTestId("actual-bar");
  await expect(bar).toContainText("No event log yet");
  await bar.getByTestId("event-log-input").setInputFiles({ name: "may-orders.csv", mimeType: "text/csv", buffer: Buffer.from(LOG) });

  await expect(bar.getByTestId("actual-total")).toHaveText("4 cases");
  await expect(bar).toContainText("may-orders.csv");
  await expect(bar).toContainText("25 % followed the desired journey");
  await expect(card("Browses the shop").getByTestId("actual-cases")).toHaveText("◆ 4 cases · 100 %");
  await expect(card("Browses the shop").getByTestId("actual-dropoff")).toHaveText("↘ 25 % drop off (1)");
  await expect(card("Pays online").getByTestId("actual-cases")).toHaveText("◆ 2 cases · 50 %");
  await expect(card("Pays online").getByTestId("actual-skipped")).toHaveText("⤼ skipped by 1 case");
  await expect(card("Receives the parcel").getByTestId("actual-cases")).toHaveText("◆ 3 cases · 75 %");

  const flows = page.getByTestId("actual-flow");
  await expect(flows).toHaveCount(3);
  const expected = page.locator('[data-testid="actual-flow"][data-allowed="true"]');
  await expect(expected).toHaveCount(2);
  const unexpected = page.locator('[data-testid="actual-flow"][data-allowed="false"]');
  await expect(unexpected).toHaveCount(1);
  await expect(unexpected).toContainText("unexpected · 1");
  expect(await unexpected.locator("path").evaluate((path) => getComputedStyle(path).strokeDasharray)).not.toBe("none");
  const width = (flow: typeof unexpected) => flow.locator("path").evaluate((path) => Number(path.getAttribute("stroke-width")));
  expect(await width(expected.first())).toBeGreaterThan(await width(unexpected));
  await expect(page.getByTestId("off-journey-activity")).toContainText("Calls support");
  await screenshot(page, "actual-overlay");
  await expectNoSeriousViolations(page);

  // Off again: the map is the desired journey alone.
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(page.getByTestId("actual-stats")).toHaveCount(0);
  await expect(page.getByTestId("actual-flows")).toHaveCount(0);
  await expect(bar).toBeHidden();
  // On again: the stored result comes back without another upload.
  await toggle.click();
  await expect(card("Pays online").getByTestId("actual-cases")).toHaveText("◆ 2 cases · 50 %");
});
