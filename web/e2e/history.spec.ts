// Version history: the diff between two versions names the renamed step with its old and
// new name on the mini map and in the list; restoring is refused while the page is behind
// (If-Match), and once reloaded brings the old name back as a new version.
import { expectNoSeriousViolations } from "./accessibility";
import { expect, makeJourney, screenshot, signIn, test } from "./fixtures";

test("the history shows a changed step and a restore brings its old name back", async ({ page }) => {
  await signIn(page);
  // The socket is cut, as when a network drops it: the page does not hear of the API edit below.
  await page.routeWebSocket(/\/live$/, () => {});
  const { workspace, id } = await makeJourney(page, "Returning a parcel", [
    { name: "Request", steps: ["Opens the returns page", "Prints the label"] },
    { name: "Drop off", steps: ["Takes it to the shop"] },
  ]);
  await page.goto(`/w/${workspace}/j/${id}`);
  await page.getByRole("button", { name: "Step name: Prints the label" }).dblclick();
  await page.getByRole("textbox", { name: "Step name" }).fill("Shows a QR code");
  await page.getByRole("textbox", { name: "Step name" }).press("Enter");
  await expect(page.getByTestId("journey-version")).toHaveText("Version 2");

  await page.getByRole("button", { name: "⟲ History" }).click();
  const panel = page.getByTestId("history-panel");
  await expect(panel.getByTestId("version-row")).toHaveCount(2);
  await expect(panel.getByTestId("version-row").first()).toContainText("Renamed a step");
  await expect(panel.getByTestId("version-row").first()).toContainText("Edited by you");
  await panel.getByTestId("version-row").filter({ hasText: "v1" }).click();
  await expect(panel.getByTestId("diff-counts")).toHaveText("From version 1 to 2: 1 changed");
  const changed = panel.getByTestId("diff-step").and(page.locator('[data-change="changed"]'));
  await expect(changed).toHaveText(/Shows a QR code.*Changed/);
  await expect(panel.getByTestId("diff-step").and(page.locator('[data-change="same"]'))).toHaveCount(2);
  await expect(panel.getByTestId("diff-list")).toContainText(/Name: Prints the label → becomes Shows a QR code/);
  await screenshot(page, "history-diff");
  await expectNoSeriousViolations(page);

  // A colleague edits through the API meanwhile; this page still shows version 2.
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "cxmap_csrf")!.value;
  const other = await page.request.patch(`/workspaces/${workspace}/journeys/${id}`, {
    headers: { "If-Match": '"2"', "X-CSRF-Token": csrf, "Content-Type": "application/merge-patch+json" },
    data: { title: "Returning a parcel (2025)" },
  });
  expect(other.status(), await other.text()).toBe(200);

  await panel.getByRole("button", { name: "Restore version 1" }).click();
  const refused = panel.getByRole("alert").filter({ hasText: "Not restored." });
  await expect(refused).toContainText("The journey changed since you opened it (it is now at version 3)");
  await expect(page.getByTestId("step-card").filter({ hasText: "Shows a QR code" })).toBeVisible();
  await refused.getByRole("button", { name: "Load latest version" }).click();
  await expect(page.getByTestId("journey-version")).toHaveText("Version 3");

  await panel.getByRole("button", { name: "Restore version 1" }).click();
  await expect(panel.getByRole("status").filter({ hasText: "Version 1 is current again, as version 4" })).toBeVisible();
  await expect(page.getByTestId("journey-version")).toHaveText("Version 4");
  await expect(page.getByTestId("step-card").filter({ hasText: "Prints the label" })).toBeVisible();
  await expect(page.getByTestId("step-card").filter({ hasText: "Shows a QR code" })).toHaveCount(0);
  await expect(panel.getByTestId("version-row").first()).toContainText("Restored version 1");
});
