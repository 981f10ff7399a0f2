// The action board's calls to the server. Changing an action names the version it was
// read at (If-Match), so a colleague's newer change is never overwritten silently.
import { api, ifMatch, unwrap } from "../api/client";
import type { ActionEdit, ActionStatus, NewAction, StoredAction } from "../priorities/priorityTypes";

export type ExportFormat = "csv" | "json" | "jira" | "github";

export const EXPORTS: { format: ExportFormat; name: string }[] = [
  { format: "csv", name: "CSV" },
  { format: "json", name: "JSON" },
  { format: "jira", name: "Jira (CSV import)" },
  { format: "github", name: "GitHub issues (JSON)" },
];

export async function listActions(workspaceId: string, journeyId: string | null): Promise<StoredAction[]> {
  const query = journeyId ? { journey_id: journeyId } : {};
  const { data } = await unwrap(
    api.GET("/workspaces/{workspace_id}/actions", { params: { path: { workspace_id: workspaceId }, query } }),
  );
  return data;
}

export async function suggestActions(workspaceId: string, journeyId: string | null) {
  const query = journeyId ? { journey_id: journeyId } : {};
  const { data } = await unwrap(
    api.POST("/workspaces/{workspace_id}/actions/suggest", { params: { path: { workspace_id: workspaceId }, query } }),
  );
  return data;
}

export async function createAction(workspaceId: string, body: NewAction): Promise<StoredAction> {
  const { data } = await unwrap(
    api.POST("/workspaces/{workspace_id}/actions", { params: { path: { workspace_id: workspaceId } }, body }),
  );
  return data;
}

export async function editAction(workspaceId: string, action: StoredAction, changes: ActionEdit): Promise<StoredAction> {
  const { data } = await unwrap(
    api.PATCH("/workspaces/{workspace_id}/actions/{action_id}", {
      params: { path: { workspace_id: workspaceId, action_id: action.id }, header: ifMatch(action.version) },
      body: changes,
    }),
  );
  return data;
}

export function moveAction(workspaceId: string, action: StoredAction, to: ActionStatus): Promise<StoredAction> {
  return editAction(workspaceId, action, { status: to });
}

/** Where the browser downloads the list as a file (the session cookie goes along). */
export function exportUrl(workspaceId: string, format: ExportFormat, journeyId: string | null): string {
  const query = new URLSearchParams({ format });
  if (journeyId) query.set("journey_id", journeyId);
  return `/workspaces/${encodeURIComponent(workspaceId)}/actions/export?${query.toString()}`;
}
