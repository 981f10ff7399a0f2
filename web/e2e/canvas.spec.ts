// The journey canvas: building a journey in place, the emotion curve, reordering by drag
// and by keyboard, undo and redo, lane items, and what a viewer sees.
import type { Locator, Page } from "@playwright/test";
import { VIEWER } from "./accounts";
import { expectNoSeriousViolations } from "./accessibility";
import { demoWorkspace, expect, makeJourney, screenshot, signIn, test } from "./fixtures";

async function addStage(page: Page, name: string) {
  await page.getByRole("button", { name: "Add stage" }).click();
  await page.getByLabel("New stage name").fill(name);
  await page.getByLabel("New stage name").press("Enter");
  await expect(page.getByTestId("stage-header").filter({ hasText: name })).toBeVisible();
}

async function addStep(page: Page, stage: string, name: string) {
  const before = await page.getByTestId("step-card").count();
  await page.getByRole("button", { name: `Add step to ${stage}` }).click();
  await page.getByLabel(`New step in ${stage}`).fill(name);
  await page.getByLabel(`New step in ${stage}`).press("Enter");
  await expect(page.getByTestId("step-card")).toHaveCount(before + 1);
}
function stepNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid="step-card"] .step-name').allInnerTexts();
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error("not on screen");
  return found;
}

test("build a journey in place and see a negative emotion red, below the baseline", async ({ page }) => {
  await signIn(page);
  const { workspace, id } = await makeJourney(page, "Renewing a passport");
  await page.goto(`/w/${workspace}/j/${id}`);
  await expect(page.getByText("Start with the stages")).toBeVisible();
  await addStage(page, "Prepare");
  await addStage(page, "Apply");
  await addStep(page, "Prepare", "Finds the form online");
  await addStep(page, "Apply", "Books an appointment");
  await addStep(page, "Apply", "Pays the fee");
  expect(await stepNames(page)).toEqual(["Finds the form online", "Books an appointment", "Pays the fee"]);

  await page.getByRole("button", { name: "Details of Books an appointment" }).click();
  const panel = page.getByTestId("step-panel");
  await panel.getByTestId("emotion-select").selectOption("-2");
  await panel.getByLabel("In a word").fill("exasperated");
  await panel.getByLabel("In a word").press("Enter");
  await page.getByRole("button", { name: "Details of Finds the form online" }).click();
  await panel.getByTestId("emotion-select").selectOption("1");

  const negative = page.locator('[data-testid="emotion-point"][data-step]').filter({ hasText: "exasperated" });
  await expect(negative).toHaveAttribute("data-tone", "negative");
  await expect(negative.getByTestId("emotion-label")).toHaveText("Pain point −2 · exasperated");
  await expect(negative.getByTestId("pain-icon")).toBeVisible();
  const fill = await negative.locator("circle").evaluate((circle) => getComputedStyle(circle).fill);
  expect(fill).toBe("rgb(180, 35, 24)");
  const baseline = await box(page.getByTestId("emotion-baseline"));
  const point = await box(negative.locator("circle"));
  expect(point.y).toBeGreaterThan(baseline.y + baseline.height);
  const positive = page.locator('[data-testid="emotion-point"][data-tone="positive"]');
  expect((await box(positive.locator("circle"))).y + 13).toBeLessThan(baseline.y);
  await expect(page.getByTestId("step-card").filter({ hasText: "Books an appointment" }).getByTestId("emotion-chip")).toContainText(
    "Pain point −2",
  );

  // A pain point card on that step, linked to it: selecting the card selects the step.
  await page.getByRole("button", { name: "Add pain point at Books an appointment" }).click();
  await page.getByLabel("New pain point at Books an appointment").fill("No slots for three weeks");
  await page.getByLabel("New pain point at Books an appointment").press("Enter");
  const card = page.getByTestId("insight-card");
  await expect(card).toHaveAccessibleName("Pain point: No slots for three weeks, at step Books an appointment");
  await card.click({ position: { x: 5, y: 5 } });
  await expect(page.getByTestId("step-panel").getByRole("heading", { name: "Books an appointment" })).toBeVisible();

  // Saved on the server, not only on the screen.
  await page.reload();
  await expect(negative.getByTestId("emotion-label")).toHaveText("Pain point −2 · exasperated");
  await page.getByRole("button", { name: "Details of Books an appointment" }).click();
  await screenshot(page, "canvas-new-journey");
  await expectNoSeriousViolations(page);
});

test("reorder by drag and drop and by keyboard, rename in place, undo and redo", async ({ page }) => {
  await signIn(page);
  const { workspace, id } = await makeJourney(page, "Moving home", [
    { name: "Plan", steps: ["Compares movers", "Books a van"] },
    { name: "Move", steps: ["Packs boxes", "Drives"] },
  ]);
  await page.goto(`/w/${workspace}/j/${id}`);
  const card = (name: string) => page.getByTestId("step-card").filter({ hasText: name });
  await expect(card("Drives")).toBeVisible();

  // Drag "Drives" onto the left half of "Compares movers": it goes first.
  await card("Drives").dragTo(card("Compares movers"), { targetPosition: { x: 10, y: 20 } });
  await expect.poll(() => stepNames(page)).toEqual(["Drives", "Compares movers", "Books a van", "Packs boxes"]);

  // Keyboard: Alt+→ on the focused step moves it one place on.
  await page.getByRole("button", { name: "Step name: Drives" }).focus();
  await page.keyboard.press("Alt+ArrowRight");
  await expect.poll(() => stepNames(page)).toEqual(["Compares movers", "Drives", "Books a van", "Packs boxes"]);

  // Stages: Alt+← on the second stage's name moves it first.
  await page.getByRole("button", { name: "Stage name: Move" }).focus();
  await page.keyboard.press("Alt+ArrowLeft");
  await expect(page.getByTestId("stage-header").first()).toContainText("Move");

  // Rename in place: double-click, type, Enter.
  await page.getByRole("button", { name: "Step name: Packs boxes" }).dblclick();
  await page.getByRole("textbox", { name: "Step name" }).fill("Packs everything");
  await page.getByRole("textbox", { name: "Step name" }).press("Enter");
  await expect(card("Packs everything")).toBeVisible();

  // A lane item: add two, reorder them by keyboard, edit one in place.
  const items = page.getByTestId("lane-item");
  for (const text of ["Calls three companies", "Reads reviews"]) {
    await page.getByRole("button", { name: "Add customer actions item for Books a van" }).click();
    await page.getByLabel("New customer actions item for Books a van").fill(text);
    await page.getByLabel("New customer actions item for Books a van").press("Enter");
    await expect(items.filter({ hasText: text })).toBeVisible();
  }
  await page.getByRole("button", { name: "Customer actions: Reads reviews" }).focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect.poll(() => items.allInnerTexts()).toEqual(["Reads reviews", "Calls three companies"]);
  await page.getByRole("button", { name: "Customer actions: Calls three companies" }).dblclick();
  await page.getByRole("textbox", { name: "Customer actions" }).fill("Calls two companies");
  await page.getByRole("textbox", { name: "Customer actions" }).press("Enter");
  await expect(items.filter({ hasText: "Calls two companies" })).toBeVisible();

  // Undo walks back through the lane edits, then the rename; redo brings the rename back.
  await page.getByRole("heading", { name: "Moving home" }).click();
  for (const expected of [
    ["Reads reviews", "Calls three companies"],
    ["Calls three companies", "Reads reviews"],
    ["Calls three companies"],
    [],
  ]) {
    await page.keyboard.press("Control+z");
    await expect.poll(() => items.allInnerTexts()).toEqual(expected);
  }
  await page.keyboard.press("Control+z");
  await expect(card("Packs boxes")).toBeVisible();
  await page.keyboard.press("Control+Shift+z");
  await expect(card("Packs everything")).toBeVisible();
  await page.getByRole("button", { name: "↶ Undo" }).click();
  await expect(card("Packs boxes")).toBeVisible();

  await page.reload();
  await expect(card("Packs boxes")).toBeVisible();
  await expect(page.getByTestId("stage-header").first()).toContainText("Move");
});

test("a viewer sees the whole blueprint but no edit controls", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, VIEWER);
  const workspace = await demoWorkspace(page.request);
  await page.goto(`/w/${workspace}`);
  await expect(page.getByTestId("role-badge")).toHaveText("Viewer (view only)");
  await expect(page.getByRole("button", { name: "New journey" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Delete / })).toHaveCount(0);
  await page.getByRole("link", { name: "Fibre broadband onboarding and first support contact" }).click();
  await expect(page.getByTestId("stage-header")).toHaveCount(5);
  await expect(page.getByText("You can view this journey")).toBeVisible();
  await expect(page.getByRole("button", { name: /^(Add|↶ Undo|Move)/ })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Delete / })).toHaveCount(0);
  await expect(page.locator('[draggable="true"]')).toHaveCount(0);
  await expect(page.getByRole("separator")).toContainText("what the customer does not see");
  await expect(page.getByTestId("insight-card").first()).toBeVisible();
  await expect(page.locator('[data-testid="flow-link"][data-kind="branch"]').first()).toBeAttached();
  await screenshot(page, "canvas-blueprint-viewer");
  await page.getByRole("button", { name: "Details of Picks an install appointment" }).click();
  await expect(page.getByTestId("step-panel").getByTestId("emotion-select")).toBeDisabled();
  await expectNoSeriousViolations(page);
  await context.close();
});
