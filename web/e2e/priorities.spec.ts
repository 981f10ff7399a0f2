// Priorities: journeys ranked by score with each criterion's part; moving a weight
// re-ranks live with the moves marked; saving needs the current version (a stale save is
// refused with a message); entering a journey's inputs gives it a score.
import { expectNoSeriousViolations } from "./accessibility";
import { expect, screenshot, signIn, test } from "./fixtures";
import { addJourney, csrfOf, freshWorkspace, setInputs } from "./priorityData";

test("moving a weight re-ranks the journeys live, and saving it is versioned", async ({ page }) => {
  await signIn(page);
  const workspace = await freshWorkspace(page, "Insurance CX");
  // Claims: costly to serve, little revenue. Renewal: cheap to serve, a lot of revenue.
  // With equal weights claims ranks first; weighting sales up puts renewal first.
  const claims = await addJourney(page, workspace, { title: "Motor claim" });
  const renewal = await addJourney(page, workspace, { title: "Policy renewal" });
  const address = await addJourney(page, workspace, { title: "Change of address" });
  await addJourney(page, workspace, { title: "Roadside assistance" });
  await setInputs(page, workspace, claims.id, { cost_per_customer: 900, potential_sales: 1_000, strategic_contribution: 4 });
  await setInputs(page, workspace, renewal.id, { cost_per_customer: 10, potential_sales: 900_000, strategic_contribution: 4 });
  await setInputs(page, workspace, address.id, { cost_per_customer: 40, frequency: 20_000 });

  await page.goto(`/w/${workspace}`);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Priorities" }).click();
  const rows = page.getByTestId("ranking-row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText("Motor claim");
  await expect(rows.nth(1)).toContainText("Policy renewal");
  await expect(rows.nth(0).getByTestId("rank-score")).toHaveText(/75/);
  const unscored = rows.filter({ hasText: "Roadside assistance" });
  await expect(unscored.getByTestId("rank-score")).toHaveText("No score");
  await expect(rows.filter({ hasText: "Change of address" }).getByTestId("part-sales")).toHaveText(/missing/);
  await expect(page.getByTestId("weight-state")).toHaveText("Saved · version 1");

  await page.getByLabel("Sales", { exact: true }).fill("5");
  await expect(page.getByTestId("weight-state")).toHaveText("What-if · not saved");
  // Sales x5: renewal 87 first (up 1); claims 61 falls below the change of address (63,
  // which has no sales input, so its score does not move) to third (down 2).
  await expect(rows.nth(0)).toContainText("Policy renewal");
  await expect(rows.nth(0).getByTestId("rank-move")).toHaveText(/↑1/);
  await expect(rows.nth(1)).toContainText("Change of address");
  await expect(rows.nth(2)).toContainText("Motor claim");
  await expect(rows.nth(2).getByTestId("rank-move")).toHaveText(/↓2/);
  await expect(page.getByTestId("sensitivity")).toContainText(/Robust|rank if a weight moves/);
  await screenshot(page, "priorities");
  await expectNoSeriousViolations(page);

  await page.getByRole("button", { name: "Save weights" }).click();
  await expect(page.getByTestId("weight-state")).toHaveText("Saved · version 2");
  await expect(page.getByTestId("rank-move")).toHaveCount(0);

  // A colleague saves other weights meanwhile: our next save must not overwrite theirs.
  const theirs = await page.request.put(`/workspaces/${workspace}/score-weights`, {
    data: { weights: { cost: 3, sales: 1, strategy: 1, frequency: 1, experience: 1 } },
    headers: { "X-CSRF-Token": await csrfOf(page), "If-Match": '"2"' },
  });
  expect(theirs.status()).toBe(200);
  await page.getByLabel("Strategy", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Save weights" }).click();
  await expect(page.getByRole("alert")).toContainText("Your weights were not saved");
  await page.getByRole("button", { name: "Load their weights" }).click();
  await expect(page.getByTestId("weight-state")).toHaveText("Saved · version 3");
  await expect(page.getByLabel("Cost", { exact: true })).toHaveValue("3");

  await page.getByRole("button", { name: "Edit score inputs of Roadside assistance" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: /^Cost/ }).fill("500");
  await dialog.getByRole("button", { name: "Save inputs" }).click();
  await expect(dialog).toBeHidden();
  await expect(unscored.getByTestId("rank-score")).not.toHaveText("No score");
  await expect(unscored.getByTestId("part-cost")).not.toHaveText(/missing/);
});

test("a journey's priorities per stage are one click from its canvas", async ({ page }) => {
  await signIn(page);
  const workspace = await freshWorkspace(page, "Retail CX");
  const journey = await addJourney(page, workspace, {
    title: "Click and collect",
    stages: [
      { id: "order", name: "Order", steps: [{ id: "pay", name: "Pays online", emotion: -1 }] },
      { id: "collect", name: "Collect", steps: [{ id: "queue", name: "Queues at the desk", emotion: -2 }] },
    ],
    insights: [{ id: "long-queue", title: "Twenty-minute queue at the desk", step: "queue", severity: 5 }],
    opportunities: [{ id: "lockers", title: "Parcel lockers by the entrance", step: "queue", fixes: ["long-queue"], effort: 2 }],
  });
  await page.goto(`/w/${workspace}/j/${journey.id}`);
  await page.getByRole("link", { name: "★ Priorities" }).click();
  await expect(page.getByRole("heading", { name: "Priorities · Click and collect" })).toBeVisible();
  const collect = page.getByTestId("stage-priorities").filter({ hasText: "Collect" });
  await expect(collect.getByTestId("priority-item").first()).toContainText("Parcel lockers by the entrance");
  await expect(collect).toContainText("Twenty-minute queue at the desk");
  await expect(collect).toContainText("Expected impact");
  await screenshot(page, "journey-priorities");

  await collect.getByRole("button", { name: "Create an action for Parcel lockers by the entrance" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Title")).toHaveValue("Parcel lockers by the entrance");
  await dialog.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByText("was added to the action board")).toBeVisible();
});
