// The workspace home: signing in, the journey list, and what an editor does to whole
// journeys (create, duplicate, import, delete), with search and filters.
import { DEMO } from "./accounts";
import { expectNoSeriousViolations } from "./accessibility";
import { demoWorkspace, expect, screenshot, signIn, test } from "./fixtures";

test("signing in through the form leads to the workspace's journeys", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("do not match");
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Journeys" })).toBeVisible();
  // The first workspace by name opens; other tests add workspaces, so go to the demo one.
  await page.goto(`/w/${await demoWorkspace(page.request)}`);
  await expect(page.getByRole("heading", { name: "Journeys" })).toBeVisible();
  const telecom = page.getByTestId("journey-row").filter({ hasText: "Fibre broadband onboarding" });
  await expect(telecom).toContainText("Priya, remote worker moving home");
  await expect(telecom).toContainText("Current");
  await expect(telecom).toContainText("Customer Experience Office");
  await screenshot(page, "home");
  await expectNoSeriousViolations(page);
});

test("an editor creates, duplicates, imports, finds and deletes journeys", async ({ page }) => {
  await signIn(page);
  await page.goto("/");
  await page.getByRole("button", { name: "New journey" }).click();
  const unique = `Opening an account ${Date.now().toString(36)}`;
  await page.getByRole("textbox", { name: "Title" }).fill(unique);
  await page.getByRole("radio", { name: "Desired (to-be)" }).check();
  await page.getByLabel(/^Persona/).fill("Nadia, first-time saver");
  await screenshot(page, "home-new-journey");
  await page.getByRole("button", { name: "Create journey" }).click();
  await expect(page.getByRole("heading", { name: unique })).toBeVisible();
  await expect(page.getByText("Persona: Nadia, first-time saver")).toBeVisible();

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Journeys" }).click();
  await page.getByPlaceholder(/Search titles/).fill(unique);
  const rows = page.getByTestId("journey-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Desired");
  await page.getByRole("button", { name: `Duplicate ${unique}` }).click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("link", { name: `${unique} (copy)` })).toBeVisible();

  await page.getByRole("button", { name: `Delete ${unique} (copy)` }).click();
  await page.getByRole("button", { name: "Delete journey" }).click();
  await expect(page.getByText("was moved to the bin")).toBeVisible();
  await expect(rows).toHaveCount(1);

  await page.getByLabel("Kind").selectOption("current");
  await expect(rows).toHaveCount(0);
  await expect(page.getByText("No journey matches")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByPlaceholder(/Search titles/)).toHaveValue("");
});

test("importing a Mermaid journey opens it, and a broken file names the line", async ({ page }) => {
  await signIn(page);
  await page.goto("/");
  await page.getByRole("button", { name: "Import…" }).click();
  const broken = "journey\n  title Broken\n  section Buy\n    Pay: seven: Me\n";
  await page.locator('input[type="file"]').setInputFiles({ name: "broken.mmd", mimeType: "text/plain", buffer: Buffer.from(broken) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText("line 4");

  const title = `Coffee run ${Date.now().toString(36)}`;
  const mermaid = `journey\n  title ${title}\n  section Order\n    Queue at the counter: 2: Me\n    Pay by card: 4: Me\n  section Drink\n    Wait for the cup: 1: Me\n`;
  await page.locator('input[type="file"]').setInputFiles({ name: "coffee.mmd", mimeType: "text/plain", buffer: Buffer.from(mermaid) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByTestId("stage-header")).toHaveCount(2);
  await expect(page.getByTestId("step-card")).toHaveCount(3);
  // Mermaid 1..5 is emotion score - 3: "Wait for the cup" (1) is -2, a pain point.
  const pain = page.locator('[data-testid="emotion-point"][data-tone="negative"]');
  await expect(pain).toHaveCount(2);
});
