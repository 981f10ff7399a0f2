// Story mode for workshops: walking the stages by keyboard with goals, needs, emotions and
// quotes; and a share link that shows the story read-only to someone who is not signed in,
// until it is revoked.
import { expectNoSeriousViolations } from "./accessibility";
import { demoWorkspace, expect, screenshot, signIn, test } from "./fixtures";

const STAGES = [
  {
    id: "search",
    name: "Search",
    goal: "Find a flat I can afford near work",
    needs: ["Honest photos", "The full monthly cost"],
    steps: [
      { id: "browse", name: "Browses listings", channel: "web", emotion: 1, feeling: "curious" },
      {
        id: "call-agent",
        name: "Calls the agent",
        channel: "phone",
        emotion: -2,
        feeling: "ignored",
        evidence: [{ kind: "interview", text: "\u201CI left three messages and nobody called back.\u201D", source: "Interview 4" }],
      },
    ],
  },
  {
    id: "viewing",
    name: "Viewing",
    goal: "See the flat before deciding",
    needs: ["A slot after work"],
    steps: [{ id: "visit", name: "Visits the flat", channel: "in_person", emotion: 0, feeling: "unsure" }],
  },
  { id: "sign", name: "Sign", goal: "Sign without surprises", steps: [{ id: "contract", name: "Signs the lease", emotion: 2 }] },
];

async function storyJourney(page: import("@playwright/test").Page): Promise<{ workspace: string; id: string }> {
  const workspace = await demoWorkspace(page.request);
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "cxmap_csrf")!.value;
  const response = await page.request.post(`/workspaces/${workspace}/journeys`, {
    headers: { "X-CSRF-Token": csrf },
    data: {
      id: `renting-${Date.now().toString(36)}`,
      title: "Renting a flat",
      description: "Maya moves to a new city for work and needs a flat within a month.",
      personas: [{ id: "maya", name: "Maya, new in town" }],
      stages: STAGES,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { workspace, id: ((await response.json()) as { id: string }).id };
}

test("story mode walks the stages by keyboard and leaves with Escape", async ({ page }) => {
  await signIn(page);
  const { workspace, id } = await storyJourney(page);
  await page.goto(`/w/${workspace}/j/${id}`);
  await page.getByRole("link", { name: "▶ Story" }).click();

  const story = page.getByTestId("story-mode");
  await expect(story.getByRole("heading", { level: 1 })).toHaveText("Renting a flat");
  await expect(story).toContainText("Through the eyes of Maya, new in town");
  await page.keyboard.press("ArrowRight");
  await expect(story.getByTestId("story-stage-name")).toHaveText("Search");
  await expect(story).toContainText("Stage 1 of 3");
  await expect(story).toContainText("Find a flat I can afford near work");
  await expect(story.getByRole("listitem").filter({ hasText: "The full monthly cost" })).toBeVisible();
  const pain = story.getByTestId("story-point").filter({ hasText: "Pain point" });
  await expect(pain).toHaveText("▼Pain point \u22122 · ignored");
  await expect(pain).toHaveClass(/below/);
  await expect(story.getByRole("figure")).toContainText("I left three messages and nobody called back.");
  await screenshot(page, "story-mode-stage");
  await expectNoSeriousViolations(page);

  await page.keyboard.press("Space");
  await expect(story.getByTestId("story-stage-name")).toHaveText("Viewing");
  await expect(story.getByTestId("story-count")).toHaveText("3 / 5");
  await page.keyboard.press("ArrowLeft");
  await expect(story.getByTestId("story-stage-name")).toHaveText("Search");
  await page.keyboard.press("End");
  await expect(story.getByRole("heading", { level: 1 })).toHaveText("Where it hurts most");
  await expect(story).toContainText("Calls the agent");

  await page.keyboard.press("Escape");
  await expect(story).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`/w/${workspace}/j/${id}$`));
});

test("a share link shows the story read-only without signing in, until revoked", async ({ page, browser, baseURL }) => {
  await signIn(page);
  const { workspace, id } = await storyJourney(page);
  await page.goto(`/w/${workspace}/j/${id}`);
  await page.getByRole("button", { name: "⤴ Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share the story, read-only" });
  await dialog.getByLabel("What is it for?").fill("Onboarding training");
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByTestId("share-url").inputValue();
  expect(link).toMatch(/\/share\/[^/]+$/);
  await expect(dialog.getByTestId("share-link")).toHaveText(/Onboarding training/);

  const guest = await (await browser.newContext({ baseURL })).newPage();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { level: 1, name: "Renting a flat" })).toBeVisible();
  await expect(guest.getByText("Shared read-only")).toBeVisible();
  await expect(guest).toHaveURL(/\/share\//); // not sent to the login page
  await guest.getByRole("button", { name: "▶ Start the story" }).click();
  const story = guest.getByTestId("story-mode");
  await guest.keyboard.press("ArrowRight");
  await expect(story.getByTestId("story-stage-name")).toHaveText("Search");
  await expect(story.getByTestId("story-point").filter({ hasText: "Pain point" })).toBeVisible();
  await expect(guest.getByRole("textbox")).toHaveCount(0);
  await expect(guest.getByRole("button", { name: /add|delete|edit|rename/i })).toHaveCount(0);
  await screenshot(guest, "story-shared");
  await guest.keyboard.press("Escape");
  await expect(story).toHaveCount(0);

  await dialog.getByRole("button", { name: "Revoke Onboarding training" }).click();
  await dialog.getByRole("button", { name: "Revoke for good" }).click();
  await expect(dialog.getByTestId("share-link")).toContainText("Revoked");
  await guest.reload();
  await expect(guest.getByRole("heading", { name: "This story is not available" })).toBeVisible();
  await guest.context().close();
});
