// Comments with @mentions on a step: the owner picks a member from the suggestions, the
// comment shows the mention highlighted, and the viewer (who can only read) sees it arrive
// live in the same step's Comments tab.
import { VIEWER } from "./accounts";
import { expectNoSeriousViolations } from "./accessibility";
import { expect, makeJourney, screenshot, signIn, test } from "./fixtures";

test("a comment with an @mention is posted, highlighted and seen live by a colleague", async ({ page, browser, baseURL }) => {
  await signIn(page);
  const { workspace, id } = await makeJourney(page, "Renewing a contract", [{ name: "Renew", steps: ["Reads the renewal letter"] }]);
  const url = `/w/${workspace}/j/${id}`;

  const vera = await (await browser.newContext({ baseURL })).newPage();
  await signIn(vera, VIEWER);
  await vera.goto(url);
  await vera.getByRole("button", { name: "Details of Reads the renewal letter" }).click();
  await vera.getByRole("tab", { name: /Comments/ }).click();
  await expect(vera.getByText("No comments on this step yet.")).toBeVisible();
  await expect(vera.getByLabel("Add a comment")).toHaveCount(0);

  await page.goto(url);
  await page.getByRole("button", { name: "Details of Reads the renewal letter" }).click();
  await page.getByRole("tab", { name: /Comments/ }).click();
  const box = page.getByLabel("Add a comment");
  await box.pressSequentially("@ve");
  const suggestions = page.getByRole("listbox", { name: "Members to mention" });
  await expect(suggestions.getByRole("option")).toHaveText([/Vera Viewer/]);
  await box.press("Enter");
  await expect(box).toHaveValue("@viewer ");
  await box.pressSequentially("is the letter clear about the price rise?");
  await page.getByRole("button", { name: "Comment", exact: true }).click();

  const comment = page.getByTestId("comment");
  await expect(comment).toHaveCount(1);
  await expect(box).toHaveValue("");
  const mention = comment.getByTestId("mention");
  await expect(mention).toHaveText("@viewer");
  await expect(mention).toHaveAttribute("title", /Vera Viewer/);
  await expect(comment).toContainText("is the letter clear about the price rise?");
  await expect(page.getByRole("tab", { name: /Comments/ })).toContainText("1");
  await screenshot(page, "step-comments");
  await expectNoSeriousViolations(page);

  // The viewer did nothing: the comment came over the live socket.
  await expect(vera.getByTestId("comment").getByTestId("mention")).toHaveText("@viewer");
  await vera.context().close();
});
