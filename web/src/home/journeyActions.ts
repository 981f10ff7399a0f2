// What the home page does to whole journeys: create, duplicate, import, move to the bin.
import { api, ifMatch, unwrap } from "../api/client";
import { ApiError } from "../api/errors";
import type { Journey, JourneyKind, JourneySummary, StoredJourney } from "../api/types";
import { freeId } from "../journey/journeyOps";

export interface NewJourney {
  title: string;
  kind: JourneyKind;
  persona: string;
  owner: string;
}

const JOURNEYS = "/workspaces/{workspace_id}/journeys" as const;

/** Create with a readable id; if it is taken, the next free one (`checkout-2` ...). */
async function createWithFreeId(workspaceId: string, journey: Journey, taken: Set<string>): Promise<StoredJourney> {
  const tried = new Set(taken);
  for (let attempt = 0; attempt < 8; attempt++) {
    const id = freeId(journey.id, tried, "journey");
    try {
      const { data } = await unwrap(
        api.POST(JOURNEYS, { params: { path: { workspace_id: workspaceId } }, body: { ...journey, id } }),
      );
      return data;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      tried.add(id);
    }
  }
  throw new Error("Could not find a free id for this journey; try another title.");
}

export function createJourney(workspaceId: string, input: NewJourney, taken: Set<string>): Promise<StoredJourney> {
  const persona = input.persona.trim();
  const journey = {
    id: freeId(input.title, new Set(), "journey"),
    title: input.title.trim(),
    kind: input.kind,
    owner: input.owner.trim(),
    personas: persona ? [{ id: freeId(persona, new Set(), "persona"), name: persona }] : [],
  } as Journey;
  return createWithFreeId(workspaceId, journey, taken);
}

export async function duplicateJourney(
  workspaceId: string,
  summary: JourneySummary,
  taken: Set<string>,
): Promise<StoredJourney> {
  const { data } = await unwrap(
    api.GET(`${JOURNEYS}/{journey_id}`, { params: { path: { workspace_id: workspaceId, journey_id: summary.id } } }),
  );
  const { version: _version, updated_at: _updated, ...content } = data.journey;
  const copy = { ...content, id: `${content.id}-copy`, title: `${content.title} (copy)` } as Journey;
  return createWithFreeId(workspaceId, copy, taken);
}

const IMPORT_TYPES: Record<string, string> = {
  yaml: "application/yaml",
  yml: "application/yaml",
  json: "application/json",
  mmd: "text/vnd.mermaid",
  mermaid: "text/vnd.mermaid",
  md: "text/vnd.mermaid",
  txt: "text/vnd.mermaid",
};

export function importType(fileName: string): string | null {
  const extension = fileName.split(".").pop()?.toLowerCase() ?? "";
  return IMPORT_TYPES[extension] ?? null;
}

export async function importJourney(workspaceId: string, file: File): Promise<StoredJourney> {
  const type = importType(file.name);
  if (!type) throw new Error(`${file.name}: choose a YAML, JSON or Mermaid (.mmd) file.`);
  const text = await file.text();
  const { data } = await unwrap(
    api.POST(`${JOURNEYS}/import`, {
      params: { path: { workspace_id: workspaceId } },
      body: text as never,
      bodySerializer: (body: unknown) => body as string,
      headers: { "Content-Type": type },
    }),
  );
  return data;
}

export async function deleteJourney(workspaceId: string, summary: JourneySummary): Promise<void> {
  await unwrap(
    api.DELETE(`${JOURNEYS}/{journey_id}`, {
      params: { path: { workspace_id: workspaceId, journey_id: summary.id }, header: ifMatch(summary.version) },
    }),
  );
}
