// Two people on one journey: each sees the other's change live, and an edit based on a
// version that moved on is refused with a clear message, never a silent overwrite.
import type { Browser, Page } from "@playwright/test";
import { expect, makeJourney, screenshot, signIn, test } from "./fixtures";

async function person(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page);
  return page;
}

test("two browsers on one journey see each other's changes", async ({ browser, baseURL }) => {
  const ana = await person(browser, baseURL!);
  const ben = await person(browser, baseURL!);
  const { workspace, id } = await makeJourney(ana, "Booking a repair", [{ name: "Report", steps: ["Calls the hotline"] }]);
  const url = `/w/${workspace}/j/${id}`;
  await ana.goto(url);
  await ben.goto(url);
  await expect(ana.getByTestId("live-status")).toHaveText(/Live/);
  await expect(ben.getByTestId("live-status")).toHaveText(/Live/);

  await ana.getByRole("button", { name: "Step name: Calls the hotline" }).dblclick();
  await ana.getByRole("textbox", { name: "Step name" }).fill("Chats with the bot");
  await ana.getByRole("textbox", { name: "Step name" }).press("Enter");
  await expect(ben.getByTestId("step-card").filter({ hasText: "Chats with the bot" })).toBeVisible();

  await ben.getByRole("button", { name: "Add stage" }).click();
  await ben.getByLabel("New stage name").fill("Fix");
  await ben.getByLabel("New stage name").press("Enter");
  await expect(ana.getByTestId("stage-header").filter({ hasText: "Fix" })).toBeVisible();
  await expect(ana.getByTestId("journey-version")).toHaveText("Version 3");
  await ana.context().close();
  await ben.context().close();
});

test("a stale edit is refused with a conflict message and a reload", async ({ browser, baseURL }) => {
  const ana = await person(browser, baseURL!);
  const ben = await person(browser, baseURL!);
  // Ben's live socket goes nowhere, as when a network drops it: he keeps an old version.
  await ben.routeWebSocket(/\/live$/, () => {});
  const { workspace, id } = await makeJourney(ana, "Claiming a refund", [{ name: "Claim", steps: ["Fills in the claim"] }]);
  const url = `/w/${workspace}/j/${id}`;
  await ana.goto(url);
  await ben.goto(url);
  await expect(ben.getByTestId("step-card")).toHaveCount(1);

  await ana.getByRole("button", { name: "Step name: Fills in the claim" }).dblclick();
  await ana.getByRole("textbox", { name: "Step name" }).fill("Uploads the receipt");
  await ana.getByRole("textbox", { name: "Step name" }).press("Enter");
  await expect(ana.getByTestId("journey-version")).toHaveText("Version 2");

  await ben.getByRole("button", { name: "Step name: Fills in the claim" }).dblclick();
  await ben.getByRole("textbox", { name: "Step name" }).fill("Posts the form");
  await ben.getByRole("textbox", { name: "Step name" }).press("Enter");
  const conflict = ben.getByRole("alert").filter({ hasText: "Your change was not saved" });
  await expect(conflict).toContainText("Someone else changed this journey since you loaded it (it is now at version 2)");
  await screenshot(ben, "canvas-conflict");

  await conflict.getByRole("button", { name: "Reload journey" }).click();
  await expect(conflict).toHaveCount(0);
  await expect(ben.getByTestId("step-card")).toHaveText(/Uploads the receipt/);
  await expect(ben.getByTestId("journey-version")).toHaveText("Version 2");

  const stored = await ana.request.get(`/workspaces/${workspace}/journeys/${id}`);
  const journey = (await stored.json()) as { version: number; journey: { stages: { steps: { name: string }[] }[] } };
  expect(journey.version).toBe(2);
  expect(journey.journey.stages[0]!.steps[0]!.name).toBe("Uploads the receipt");
  await ana.context().close();
  await ben.context().close();
});
