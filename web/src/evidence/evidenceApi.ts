// The evidence, attachment and actual-journey endpoints the canvas uses. Reads go through
// the typed client; uploads (a raw file body, or multipart/form-data) are sent with fetch,
// carrying the CSRF token as every unsafe request must, and fail as the same `ApiError`s.
import { CSRF_HEADER, api, csrfToken, unwrap } from "../api/client";
import type { components } from "../api/schema";
import { toApiError } from "../api/errors";
import type { Attachment, EvidenceItem, EvidenceSummary } from "./evidenceFormat";

type Schemas = components["schemas"];
export type EvidencePage = Schemas["EvidencePage"];
export type ImportReport = Schemas["ImportReport"];
export type ImportBatch = Schemas["ImportBatch"];
export type EvidenceSource = Schemas["EvidenceSource"];
export type StoredMining = Schemas["StoredMining"];

export interface JourneyRef {
  workspaceId: string;
  journeyId: string;
}

const journeyPath = (ref: JourneyRef) => ({ workspace_id: ref.workspaceId, journey_id: ref.journeyId });

async function send<T>(url: string, init: RequestInit): Promise<T> {
  const headers = new Headers(init.headers);
  const token = csrfToken();
  if (token) headers.set(CSRF_HEADER, token);
  const response = await fetch(url, { ...init, headers, credentials: "same-origin" });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text for the message
  }
  if (!response.ok) throw toApiError(response.status, body);
  return body as T;
}

export async function evidenceSummary(ref: JourneyRef): Promise<EvidenceSummary> {
  const call = api.GET("/workspaces/{workspace_id}/journeys/{journey_id}/evidence/summary", {
    params: { path: journeyPath(ref) },
  });
  return (await unwrap(call)).data;
}

export async function stepItems(ref: JourneyRef, step: string, offset = 0, limit = 20): Promise<EvidencePage> {
  const call = api.GET("/workspaces/{workspace_id}/journeys/{journey_id}/evidence", {
    params: { path: journeyPath(ref), query: { step, offset, limit } },
  });
  return (await unwrap(call)).data;
}

export async function batchItems(ref: JourneyRef, batchId: string): Promise<EvidenceItem[]> {
  const call = api.GET("/workspaces/{workspace_id}/journeys/{journey_id}/evidence", {
    params: { path: journeyPath(ref), query: { batch_id: batchId, limit: 500 } },
  });
  return (await unwrap(call)).data.items;
}

export async function unmappedItems(ref: JourneyRef, offset = 0, limit = 25): Promise<EvidencePage> {
  const call = api.GET("/workspaces/{workspace_id}/journeys/{journey_id}/evidence/unmapped", {
    params: { path: journeyPath(ref), query: { offset, limit } },
  });
  return (await unwrap(call)).data;
}

export async function placeItem(ref: JourneyRef, itemId: string, step: string | null): Promise<EvidenceItem> {
  const call = api.PUT("/workspaces/{workspace_id}/journeys/{journey_id}/evidence/{item_id}/step", {
    params: { path: { ...journeyPath(ref), item_id: itemId } },
    body: { step },
  });
  return (await unwrap(call)).data;
}

export async function stepAttachments(ref: JourneyRef, step: string): Promise<Attachment[]> {
  const call = api.GET("/workspaces/{workspace_id}/journeys/{journey_id}/attachments", {
    params: { path: journeyPath(ref), query: { step_id: step } },
  });
  return (await unwrap(call)).data;
}

export function uploadAttachment(ref: JourneyRef, step: string, file: File): Promise<Attachment> {
  const query = new URLSearchParams({ file_name: file.name, step_id: step });
  return send(`/workspaces/${ref.workspaceId}/journeys/${ref.journeyId}/attachments?${query}`, {
    method: "POST",
    headers: { "Content-Type": file.type || "application/octet-stream" },
    body: file,
  });
}

export async function deleteAttachment(ref: JourneyRef, id: string): Promise<void> {
  await send(`/workspaces/${ref.workspaceId}/attachments/${id}`, { method: "DELETE" });
}

export function attachmentUrl(workspaceId: string, id: string, thumbnail = false): string {
  return `/workspaces/${workspaceId}/attachments/${id}/${thumbnail ? "thumbnail" : "content"}`;
}

export interface ImportForm {
  kind: EvidenceSource;
  file: File;
  transcript?: File | null;
  department: string;
  redact: boolean;
}

export function importEvidence(ref: JourneyRef, form: ImportForm): Promise<ImportReport> {
  const body = new FormData();
  body.set("kind", form.kind);
  body.set("file", form.file, form.file.name);
  if (form.transcript) body.set("transcript", form.transcript, form.transcript.name);
  if (form.department.trim()) body.set("department", form.department.trim());
  body.set("redact", form.redact ? "true" : "false");
  return send(`/workspaces/${ref.workspaceId}/journeys/${ref.journeyId}/evidence/imports`, { method: "POST", body });
}

/** The newest mined event log of the journey, or null when none was uploaded yet. */
export async function latestActual(ref: JourneyRef): Promise<StoredMining | null> {
  const { data, error, response } = await api.GET("/workspaces/{workspace_id}/journeys/{journey_id}/actual", {
    params: { path: journeyPath(ref) },
  });
  if (response.status === 404) return null;
  if (!response.ok) throw toApiError(response.status, error);
  return data as StoredMining;
}

export function uploadEventLog(ref: JourneyRef, file: File): Promise<StoredMining> {
  const body = new FormData();
  body.set("file", file, file.name);
  return send(`/workspaces/${ref.workspaceId}/journeys/${ref.journeyId}/actual`, { method: "POST", body });
}
