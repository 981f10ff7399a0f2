// The tests' shared set-up: the server's address (from the global setup), signing in
// through the API (the UI sign-in has its own test), screenshots kept as artifacts, and
// a fresh journey per test so tests never step on each other.
import { type APIRequestContext, type Page, test as base, expect } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO, DEMO_WORKSPACE } from "./accounts";

export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), "..", "test-results", "screenshots");

export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env.CXMAP_E2E_URL;
    if (!url) throw new Error("CXMAP_E2E_URL is not set: run through playwright.config.ts");
    await use(url);
  },
});
export { expect };

export interface Account {
  email: string;
  password: string;
}

/** Sign in through the API in this page's context (the session cookie lands in it). */
export async function signIn(page: Page, who: Account = DEMO): Promise<void> {
  const response = await page.request.post("/auth/login", { data: { email: who.email, password: who.password } });
  expect(response.status()).toBe(200);
}

/** The demo workspace's id (by its slug: other tests add workspaces of their own). */
export async function demoWorkspace(request: APIRequestContext): Promise<string> {
  const response = await request.get("/workspaces");
  expect(response.status()).toBe(200);
  const workspaces = (await response.json()) as { id: string; slug: string }[];
  const demo = workspaces.find((workspace) => workspace.slug === DEMO_WORKSPACE);
  expect(demo, "the demo workspace").toBeDefined();
  return demo!.id;
}

/** A new journey made through the API (signed-in `page`), with `stages` of named steps. */
export async function makeJourney(
  page: Page,
  title: string,
  stages: { name: string; steps: string[] }[] = [],
): Promise<{ workspace: string; id: string; slug: string }> {
  const workspace = await demoWorkspace(page.request);
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Date.now().toString(36)}`;
  const body = {
    id: slug,
    title,
    stages: stages.map((stage, si) => ({
      id: `s${si}`,
      name: stage.name,
      steps: stage.steps.map((name, ti) => ({ id: `s${si}-t${ti}`, name })),
    })),
  };
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "cxmap_csrf")?.value ?? "";
  const response = await page.request.post(`/workspaces/${workspace}/journeys`, {
    data: body,
    headers: { "X-CSRF-Token": csrf },
  });
  expect(response.status(), await response.text()).toBe(201);
  const created = (await response.json()) as { id: string };
  return { workspace, id: created.id, slug };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
