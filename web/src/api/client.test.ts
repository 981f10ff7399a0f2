import { describe, expect, it } from "vitest";
import { ApiError, NotSignedInError, StaleVersionError, describeProblems } from "./errors";
import { createApi, csrfToken, ifMatch, unwrap, versionOf, written } from "./client";

function problem(status: number, body: object, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ title: "x", status, ...body }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

function recording(answer: () => Response) {
  const requests: Request[] = [];
  const api = createApi({
    baseUrl: "https://cxmap.test",
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(input instanceof Request ? input : new Request(input, init));
      return answer();
    },
  });
  return { api, requests };
}

const STEP = "/workspaces/{workspace_id}/journeys/{journey_id}/steps/{part_id}" as const;
const path = { workspace_id: "w", journey_id: "j", part_id: "pay" };

describe("the API client", () => {
  it("turns a 412 into a stale-version error that says which version is current", async () => {
    const { api, requests } = recording(() =>
      problem(412, { detail: "the journey is at version 9, not 7", current_version: 9 }),
    );
    const call = written(api.PUT(STEP, { params: { path, header: ifMatch(7) }, body: { id: "pay", name: "Pays" } as never }));
    const error = await call.catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(StaleVersionError);
    expect((error as StaleVersionError).currentVersion).toBe(9);
    expect((error as StaleVersionError).message).toContain("now at version 9");
    expect((error as StaleVersionError).message).toContain("Reload to see the latest version");
    expect(requests[0]!.headers.get("If-Match")).toBe('"7"');
  });

  it("keeps every located problem of a 422", async () => {
    const errors = [
      { location: "body", path: "stages[0].steps[1].emotion", pointer: "/x", message: "must be between -2 and 2" },
      { location: "body", path: "title", pointer: "/title", message: "required", line: 3, column: 5 },
    ];
    const { api } = recording(() => problem(422, { detail: "invalid", errors }));
    const error = (await unwrap(api.GET("/auth/me")).catch((failure: unknown) => failure)) as ApiError;
    expect(error.status).toBe(422);
    expect(error.message).toBe("stages[0].steps[1].emotion: must be between -2 and 2; title: required");
    expect(describeProblems(error)).toEqual([
      "stages[0].steps[1].emotion: must be between -2 and 2",
      "line 3:5: title: required",
    ]);
  });

  it("says a session ended on 401 and keeps the server's word otherwise", async () => {
    const { api } = recording(() => problem(401, { detail: "log in" }));
    await expect(unwrap(api.GET("/auth/me"))).rejects.toBeInstanceOf(NotSignedInError);
    const other = recording(() => problem(409, { detail: "the id 'checkout' is taken" }));
    await expect(unwrap(other.api.GET("/auth/me"))).rejects.toThrow("the id 'checkout' is taken");
  });

  it("reads the new version from the ETag of a write", async () => {
    const { api } = recording(
      () => new Response(JSON.stringify({ id: "pay", name: "Pays" }), { status: 200, headers: { ETag: '"12"', "Content-Type": "application/json" } }),
    );
    const { version, data } = await written(api.PUT(STEP, { params: { path, header: ifMatch(11) }, body: { id: "pay" } as never }));
    expect(version).toBe(12);
    expect(data).toEqual({ id: "pay", name: "Pays" });
    expect(versionOf(new Response(null, { headers: { ETag: "W/x" } }))).toBeNull();
  });

  it("repeats the CSRF cookie on unsafe requests only", async () => {
    document.cookie = "cxmap_csrf=token%2Fvalue; path=/";
    expect(csrfToken()).toBe("token/value");
    const { api, requests } = recording(() => new Response("{}", { status: 200, headers: { "Content-Type": "application/json" } }));
    await api.GET("/auth/me");
    await api.POST("/auth/logout");
    expect(requests[0]!.headers.get("X-CSRF-Token")).toBeNull();
    expect(requests[1]!.headers.get("X-CSRF-Token")).toBe("token/value");
  });
});
