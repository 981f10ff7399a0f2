// The action board: add an action by hand, generate suggestions from the data, move
// cards by drag and drop and by keyboard, and find them where they were left after a
// reload; exports download the same list.
import { expectNoSeriousViolations } from "./accessibility";
import { expect, screenshot, signIn, test } from "./fixtures";
import { addJourney, freshWorkspace } from "./priorityData";

test("actions are added, suggested, moved by drag and keyboard, and stay moved", async ({ page }) => {
  await signIn(page);
  const workspace = await freshWorkspace(page, "Checkout CX");
  await addJourney(page, workspace, {
    title: "Online checkout",
    stages: [
      { id: "basket", name: "Basket", steps: [{ id: "review", name: "Reviews the basket" }] },
      { id: "pay", name: "Payment", steps: [{ id: "card", name: "Pays by card", emotion: -2 }] },
    ],
    insights: [{ id: "surprise-fees", title: "Delivery fee shown only at the end", step: "card", severity: 4 }],
  });
  await page.goto(`/w/${workspace}/actions`);
  await expect(page.getByRole("heading", { name: "Action board" })).toBeVisible();

  await page.getByRole("button", { name: "New action" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Title").fill("Show the delivery fee in the basket");
  await dialog.getByLabel(/^Stage/).selectOption({ label: "Payment" });
  await dialog.getByLabel(/^Fixes insight/).selectOption({ label: "Delivery fee shown only at the end" });
  await dialog.getByLabel(/^Owner/).fill("Checkout squad");
  await dialog.getByLabel(/^Due date/).fill("2030-03-31");
  await dialog.getByRole("button", { name: "Add action" }).click();
  const accepted = page.getByTestId("column-accepted");
  const mine = page.getByTestId("action-card").filter({ hasText: "Show the delivery fee in the basket" });
  await expect(accepted.getByTestId("action-card")).toHaveCount(1);
  await expect(mine).toContainText("Delivery fee shown only at the end");
  await expect(mine).toContainText("Checkout squad");

  const inProgress = page.getByTestId("column-in_progress");
  const moved = page.waitForResponse((response) => response.request().method() === "PATCH" && response.ok());
  await mine.dragTo(inProgress);
  await moved;
  await expect(inProgress.getByTestId("action-card")).toHaveCount(1);
  await expect(mine).toHaveAttribute("data-status", "in_progress");

  await page.getByRole("button", { name: "✦ Suggest actions" }).click();
  await expect(page.getByText(/new suggestions? from the data/)).toBeVisible();
  const suggested = page.getByTestId("column-suggested").getByTestId("action-card");
  await expect(suggested.first()).toBeVisible();
  const count = await suggested.count();
  const first = suggested.first();
  const title = (await first.getByRole("heading").textContent()) ?? "";
  await first.focus();
  const keyed = page.waitForResponse((response) => response.request().method() === "PATCH" && response.ok());
  await page.keyboard.press("Alt+ArrowRight");
  await keyed;
  await expect(suggested).toHaveCount(count - 1);
  await expect(accepted.getByTestId("action-card").filter({ hasText: title })).toBeVisible();
  await expect(page.getByTestId("action-card").filter({ hasText: title })).toBeFocused();
  await screenshot(page, "action-board");
  await expectNoSeriousViolations(page);

  await page.reload();
  await expect(inProgress.getByTestId("action-card").filter({ hasText: "Show the delivery fee in the basket" })).toBeVisible();
  await expect(accepted.getByTestId("action-card").filter({ hasText: title })).toBeVisible();

  await page.getByText("Export").click();
  const jira = page.getByRole("link", { name: "Jira (CSV import)" });
  const exported = await page.request.get((await jira.getAttribute("href"))!);
  expect(exported.status()).toBe(200);
  expect(await exported.text()).toContain("Show the delivery fee in the basket");
});
