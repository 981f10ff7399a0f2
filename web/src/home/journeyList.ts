// The workspace's journeys as the home page lists them: a search with filters, and what
// the list answer leaves out (personas, size), read from each journey in the background.
import { useCallback, useEffect, useState } from "react";
import { api, unwrap } from "../api/client";
import type { JourneyKind, JourneyStatus, JourneySummary } from "../api/types";

export interface JourneyFilters {
  q: string;
  kind: JourneyKind | "";
  status: JourneyStatus | "";
  owner: string;
  sort: "updated" | "title";
}

export const NO_FILTERS: JourneyFilters = { q: "", kind: "", status: "", owner: "", sort: "updated" };

export interface JourneyDetails {
  personas: string[];
  stages: number;
  steps: number;
}

export function useJourneyList(workspaceId: string, filters: JourneyFilters) {
  const [items, setItems] = useState<JourneySummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    const query = {
      q: filters.q || undefined,
      kind: filters.kind || undefined,
      status: filters.status || undefined,
      owner: filters.owner || undefined,
      sort: filters.sort,
      limit: 200,
    };
    unwrap(api.GET("/workspaces/{workspace_id}/journeys", { params: { path: { workspace_id: workspaceId }, query } }))
      .then(({ data }) => {
        if (!live) return;
        setItems(data.items);
        setTotal(data.total);
        setError(null);
      })
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)));
    return () => {
      live = false;
    };
  }, [workspaceId, filters, generation]);

  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  return { items, total, error, refresh };
}

const detailsCache = new Map<string, JourneyDetails>();
const PARALLEL = 4;

/** Personas and size of each listed journey (the list answer has neither), a few at a time. */
export function useJourneyDetails(workspaceId: string, items: JourneySummary[] | null) {
  const [details, setDetails] = useState<Record<string, JourneyDetails>>({});
  useEffect(() => {
    if (!items) return;
    let live = true;
    const wanted = items.filter((item) => !detailsCache.has(`${item.id}:${item.version}`));
    const publish = () =>
      live &&
      setDetails(
        Object.fromEntries(
          items.flatMap((item) => {
            const found = detailsCache.get(`${item.id}:${item.version}`);
            return found ? [[item.id, found]] : [];
          }),
        ),
      );
    publish();
    const queue = [...wanted];
    const worker = async () => {
      for (let item = queue.shift(); item && live; item = queue.shift()) {
        try {
          const { data } = await unwrap(
            api.GET("/workspaces/{workspace_id}/journeys/{journey_id}", {
              params: { path: { workspace_id: workspaceId, journey_id: item.id } },
            }),
          );
          const stages = data.journey.stages ?? [];
          detailsCache.set(`${item.id}:${item.version}`, {
            personas: (data.journey.personas ?? []).map((persona) => persona.name),
            stages: stages.length,
            steps: stages.reduce((sum, stage) => sum + (stage.steps?.length ?? 0), 0),
          });
          publish();
        } catch {
          // The row still shows what the list said; the details are a nicety.
        }
      }
    };
    void Promise.all(Array.from({ length: PARALLEL }, worker));
    return () => {
      live = false;
    };
  }, [workspaceId, items]);
  return details;
}
