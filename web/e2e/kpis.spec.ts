// Key metrics: define one with a target, record points, and see the progress chart and
// the points judged against the target.
import { expectNoSeriousViolations } from "./accessibility";
import { expect, screenshot, signIn, test } from "./fixtures";
import { addJourney, freshWorkspace } from "./priorityData";

test("a metric with a target gets points and a chart", async ({ page }) => {
  await signIn(page);
  const workspace = await freshWorkspace(page, "Telecom CX");
  await addJourney(page, workspace, {
    title: "Broadband installation",
    stages: [
      { id: "order", name: "Order", steps: [{ id: "book", name: "Books the engineer" }] },
      { id: "install", name: "Install", steps: [{ id: "visit", name: "Engineer visits" }] },
    ],
  });
  await page.goto(`/w/${workspace}`);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Key metrics" }).click();
  await expect(page.getByText("No key metrics yet")).toBeVisible();

  await page.getByRole("button", { name: "New metric" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("NPS after the visit");
  await dialog.getByRole("combobox", { name: "Measures" }).selectOption("nps_at_step");
  await dialog.getByRole("combobox", { name: "Step" }).selectOption({ label: "Install › Engineer visits" });
  await dialog.getByLabel(/^Target/).fill("30");
  await dialog.getByRole("button", { name: "Add metric" }).click();
  await expect(dialog).toBeHidden();
  const detail = page.getByTestId("kpi-detail");
  await expect(detail.getByTestId("kpi-target")).toHaveText("Target ≥ 30 NPS");

  await detail.getByLabel(/^Value/).fill("12");
  await detail.getByLabel("Measured on").fill("2026-01-15");
  await detail.getByRole("button", { name: "Record point" }).click();
  await expect(detail.getByTestId("kpi-points").locator("tbody tr").first()).toContainText("12 NPS");
  await detail.getByLabel(/^Value/).fill("34");
  await detail.getByLabel("Measured on").fill("2026-02-15");
  await detail.getByRole("button", { name: "Record point" }).click();
  const rows = detail.getByTestId("kpi-points").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("meets target");
  await expect(rows.nth(1)).toContainText("misses target");
  await expect(page.getByTestId("kpi-item")).toContainText("34 NPS");

  const chart = detail.getByTestId("kpi-chart");
  await expect(chart).toHaveAttribute("alt", /2 points, latest 34 NPS .* meets the target\. Target ≥ 30 NPS/);
  await expect.poll(() => chart.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);
  const svg = await page.request.get((await chart.getAttribute("src"))!);
  expect(await svg.text()).toContain("target 30");
  await screenshot(page, "kpis");
  await expectNoSeriousViolations(page);
});
