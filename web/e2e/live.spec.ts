// A colleague's edit arrives over the journey's websocket, not by polling: the frame that
// announces it is seen on the page's socket, and the change shows well inside the polling
// interval (3 s), with the page saying it is live.
import type { Browser, Page, WebSocket } from "@playwright/test";
import { expect, makeJourney, signIn, test } from "./fixtures";

const POLL_EVERY_MS = 3000;

async function person(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page);
  return page;
}

interface Frame {
  type: string;
  version: number | null;
}

test("an edit reaches the other browser through the websocket", async ({ browser, baseURL }) => {
  const ana = await person(browser, baseURL!);
  const ben = await person(browser, baseURL!);
  const { workspace, id } = await makeJourney(ana, "Opening an account", [{ name: "Apply", steps: ["Fills in the form"] }]);
  const url = `/w/${workspace}/j/${id}`;

  const frames: Frame[] = [];
  const socket = ben.waitForEvent("websocket", (ws: WebSocket) => ws.url().endsWith(`/journeys/${id}/live`));
  await ben.goto(url);
  (await socket).on("framereceived", ({ payload }) => frames.push(JSON.parse(String(payload)) as Frame));
  const polls: string[] = [];
  ben.on("request", (request) => {
    if (request.method() === "GET" && request.url().endsWith(`/journeys/${id}`)) polls.push(request.url());
  });
  await ana.goto(url);
  await expect(ben.getByTestId("live-status")).toHaveText("● Live");
  await expect.poll(() => frames.map((frame) => frame.type)).toContain("hello");

  await ana.getByRole("button", { name: "Step name: Fills in the form" }).dblclick();
  await ana.getByRole("textbox", { name: "Step name" }).fill("Scans the passport");
  const sent = Date.now();
  await ana.getByRole("textbox", { name: "Step name" }).press("Enter");

  await expect(ben.getByTestId("step-card")).toHaveText(/Scans the passport/, { timeout: POLL_EVERY_MS - 500 });
  const took = Date.now() - sent;
  expect(took).toBeLessThan(POLL_EVERY_MS);
  expect(frames).toContainEqual(expect.objectContaining({ type: "journey.updated", version: 2 }));
  // One reload, asked for by the announcement: the page never fell back to polling.
  expect(polls.length).toBeLessThanOrEqual(1);
  await expect(ben.getByTestId("live-status")).toHaveText("● Live");
  console.log(`edit seen by the other browser ${took} ms after Enter`);
  await ana.context().close();
  await ben.context().close();
});
