// A workspace's key metrics (or one journey's) with their points, read again after a
// change; each metric's series is read beside the list so the list can show the latest
// value against its target.
import { useCallback, useEffect, useState } from "react";
import { api, unwrap } from "../api/client";
import type { KpiSeries, StoredKpi } from "../priorities/priorityTypes";

export function useKpis(workspaceId: string, journeyId: string | null) {
  const [kpis, setKpis] = useState<StoredKpi[] | null>(null);
  const [series, setSeries] = useState<Record<string, KpiSeries>>({});
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    const path = { workspace_id: workspaceId };
    const query = journeyId ? { journey_id: journeyId } : {};
    unwrap(api.GET("/workspaces/{workspace_id}/kpis", { params: { path, query } }))
      .then(async ({ data }) => {
        const read = await Promise.all(
          data.map((kpi) =>
            unwrap(api.GET("/workspaces/{workspace_id}/kpis/{kpi_id}/points", { params: { path: { ...path, kpi_id: kpi.id } } })).then(
              (answer) => [kpi.id, answer.data] as const,
            ),
          ),
        );
        if (!live) return;
        setKpis(data);
        setSeries(Object.fromEntries(read));
        setError(null);
      })
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)));
    return () => {
      live = false;
    };
  }, [workspaceId, journeyId, generation]);

  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  return { kpis, series, error, refresh };
}
