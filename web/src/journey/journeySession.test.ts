import { describe, expect, it } from "vitest";
import { createApi } from "../api/client";
import type { Journey, StoredJourney } from "../api/types";
import { JourneySession } from "./journeySession";

const journey = {
  id: "j",
  title: "Checkout",
  stages: [{ id: "buy", name: "Buy", steps: [{ id: "pay", name: "Pays" }] }],
} as unknown as Journey;
const stored = { id: "J", version: 4, journey } as unknown as StoredJourney;

/** A fake server: answers each request with the next of `answers`, and records them. */
function server(answers: (() => Response)[]) {
  const seen: { method: string; url: string; ifMatch: string | null; body: string }[] = [];
  const api = createApi({
    baseUrl: "https://cxmap.test",
    fetch: async (input: RequestInfo | URL) => {
      const request = input as Request;
      seen.push({ method: request.method, url: request.url, ifMatch: request.headers.get("If-Match"), body: await request.text() });
      return answers.shift()!();
    },
  });
  return { session: new JourneySession(api, { workspaceId: "W", journeyId: "J" }, stored), seen };
}

const json = (body: unknown, status = 200, etag?: number) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json", ...(etag ? { ETag: `"${etag}"` } : {}) },
  });

describe("an open journey", () => {
  it("writes a change with If-Match and takes the server's part and version", async () => {
    const { session, seen } = server([() => json({ id: "pay", name: "Pays by card", description: "" }, 200, 5)]);
    expect(await session.change({ type: "updateStep", id: "pay", changes: { name: "  Pays by card" } })).toBe(true);
    expect(seen[0]).toMatchObject({ method: "PUT", ifMatch: '"4"' });
    expect(seen[0]!.url).toBe("https://cxmap.test/workspaces/W/journeys/J/steps/pay");
    expect(session.getState().version).toBe(5);
    expect(session.getState().journey.stages![0]!.steps![0]!.name).toBe("Pays by card");
    expect(session.stack.state.canUndo).toBe(true);
  });

  it("shows a refused stale edit as a conflict, changes nothing, and clears it on reload", async () => {
    const { session } = server([
      () => json({ title: "Precondition failed", status: 412, detail: "stale", current_version: 6 }, 412),
      () => json({ ...stored, version: 6, journey: { ...journey, title: "Checkout v6" } }, 200, 6),
    ]);
    expect(await session.change({ type: "updateJourney", changes: { title: "Mine" } })).toBe(false);
    const state = session.getState();
    expect(state.conflict?.currentVersion).toBe(6);
    expect(state.conflict?.message).toContain("now at version 6");
    expect(state.journey.title).toBe("Checkout");
    expect(state.version).toBe(4);
    expect(session.stack.state.canUndo).toBe(false);

    await session.reload();
    expect(session.getState()).toMatchObject({ conflict: null, version: 6 });
    expect(session.getState().journey.title).toBe("Checkout v6");
  });

  it("reloads for a colleague's newer version and ignores its own", async () => {
    const { session, seen } = server([() => json({ ...stored, version: 7 }, 200, 7)]);
    await session.heard(4, "journey.updated");
    expect(seen).toHaveLength(0);
    await session.heard(7, "journey.updated");
    expect(seen).toHaveLength(1);
    expect(session.getState().version).toBe(7);
    await session.heard(null, "journey.deleted");
    expect(session.getState().deleted).toBe(true);
  });
});
