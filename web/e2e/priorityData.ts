// Set-up for the priorities, action and KPI tests, made through the API: a workspace of
// their own (so rankings hold only what the test made), journeys, and score inputs.
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export async function csrfOf(page: Page): Promise<string> {
  return (await page.context().cookies()).find((cookie) => cookie.name === "cxmap_csrf")?.value ?? "";
}

/** A new workspace owned by the signed-in user of `page`; its id. */
export async function freshWorkspace(page: Page, name: string): Promise<string> {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Date.now().toString(36)}`;
  const response = await page.request.post("/workspaces", {
    data: { slug, name },
    headers: { "X-CSRF-Token": await csrfOf(page) },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

export interface JourneySpec {
  title: string;
  stages?: { id: string; name: string; steps: { id: string; name: string; emotion?: number }[] }[];
  insights?: { id: string; title: string; step: string; severity?: number }[];
  opportunities?: { id: string; title: string; step: string; fixes?: string[]; effort?: number }[];
}

/** A journey in `workspace`; its UUID and slug. */
export async function addJourney(page: Page, workspace: string, spec: JourneySpec): Promise<{ id: string; slug: string }> {
  const slug = `${spec.title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Date.now().toString(36)}`;
  const response = await page.request.post(`/workspaces/${workspace}/journeys`, {
    data: { id: slug, title: spec.title, stages: spec.stages ?? [], insights: spec.insights ?? [], opportunities: spec.opportunities ?? [] },
    headers: { "X-CSRF-Token": await csrfOf(page) },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { id: ((await response.json()) as { id: string }).id, slug };
}

export type InputField = "cost_per_customer" | "potential_sales" | "strategic_contribution" | "frequency" | "experience";

/** The journey's own score inputs (version 1: nothing entered before). */
export async function setInputs(page: Page, workspace: string, journey: string, values: Partial<Record<InputField, number>>): Promise<void> {
  const inputs = Object.fromEntries(Object.entries(values).map(([field, value]) => [field, { value, source: "entered", note: "" }]));
  const response = await page.request.put(`/workspaces/${workspace}/journeys/${journey}/score-inputs`, {
    data: { journey: inputs, parts: {} },
    headers: { "X-CSRF-Token": await csrfOf(page), "If-Match": '"1"' },
  });
  expect(response.status(), await response.text()).toBe(200);
}
