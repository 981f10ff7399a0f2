// What the action board, the KPI screen and the priorities need to name things in a
// journey: its title and slug, its stages and steps, its insights and opportunities (an
// action says which insight it fixes by id; people read the title).
import { useEffect, useState } from "react";
import { api, unwrap } from "../api/client";
import type { JourneySummary, StoredJourney } from "../api/types";

export interface JourneyLookup {
  id: string;
  slug: string;
  title: string;
  stages: { id: string; name: string; steps: { id: string; name: string }[] }[];
  stageNames: Map<string, string>;
  stepNames: Map<string, string>;
  insights: Map<string, string>;
  /** Opportunity id -> its title and the insights it fixes. */
  opportunities: Map<string, { title: string; fixes: string[] }>;
}

export function lookupOf(stored: StoredJourney): JourneyLookup {
  const journey = stored.journey;
  const stages = (journey.stages ?? []).map((stage) => ({
    id: stage.id,
    name: stage.name,
    steps: (stage.steps ?? []).map((step) => ({ id: step.id, name: step.name })),
  }));
  return {
    id: stored.id,
    slug: stored.slug,
    title: stored.title,
    stages,
    stageNames: new Map(stages.map((stage) => [stage.id, stage.name])),
    stepNames: new Map(stages.flatMap((stage) => stage.steps.map((step) => [step.id, step.name] as const))),
    insights: new Map((journey.insights ?? []).map((insight) => [insight.id, insight.title])),
    opportunities: new Map(
      (journey.opportunities ?? []).map((item) => [item.id, { title: item.title, fixes: item.fixes ?? [] }]),
    ),
  };
}

export async function loadLookup(workspaceId: string, journeyId: string): Promise<JourneyLookup> {
  const { data } = await unwrap(
    api.GET("/workspaces/{workspace_id}/journeys/{journey_id}", {
      params: { path: { workspace_id: workspaceId, journey_id: journeyId } },
    }),
  );
  return lookupOf(data);
}

/** The lookups of `ids` (journey UUIDs), loaded a few at a time; missing ones stay out. */
export function useJourneyLookups(workspaceId: string, ids: readonly string[]): Map<string, JourneyLookup> {
  const [found, setFound] = useState<Map<string, JourneyLookup>>(new Map());
  const wanted = [...new Set(ids)].sort().join(",");
  useEffect(() => {
    let live = true;
    const queue = wanted ? wanted.split(",").filter((id) => !found.has(id)) : [];
    const worker = async () => {
      for (let id = queue.shift(); id && live; id = queue.shift()) {
        try {
          const lookup = await loadLookup(workspaceId, id);
          if (live) setFound((before) => new Map(before).set(id, lookup));
        } catch {
          // An action of a journey in the bin still shows its slug.
        }
      }
    };
    void Promise.all([worker(), worker(), worker()]);
    return () => {
      live = false;
    };
    // `found` is read to skip loaded journeys, not to reload when it grows.
  }, [workspaceId, wanted]);
  return found;
}

/** The workspace's journeys for pickers (title and slug), newest change first. */
export function useJourneyChoices(workspaceId: string): JourneySummary[] | null {
  const [items, setItems] = useState<JourneySummary[] | null>(null);
  useEffect(() => {
    let live = true;
    unwrap(
      api.GET("/workspaces/{workspace_id}/journeys", {
        params: { path: { workspace_id: workspaceId }, query: { limit: 200, sort: "title" } },
      }),
    )
      .then(({ data }) => live && setItems(data.items))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [workspaceId]);
  return items;
}
