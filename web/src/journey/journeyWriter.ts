// Turns a `JourneyOp` into the API write that makes it, always with If-Match (the version
// the canvas shows), and works out the journey after it from the server's answer: the
// part as stored (normalised by the server) spliced in with `applyOp`, and the new version
// from the ETag. A stale version comes back as `StaleVersionError`, nothing overwritten.
import { type Api, ifMatch, written } from "../api/client";
import type { Journey, LaneItem, Stage, Step } from "../api/types";
import {
  type JourneyOp,
  type LaneAddress,
  type Note,
  applyOp,
  findStep,
  laneItems,
  stageIndex,
  withLane,
} from "./journeyOps";

export interface JourneyRef {
  workspaceId: string;
  journeyId: string;
}

export interface Written {
  journey: Journey;
  version: number;
}

const JOURNEY = "/workspaces/{workspace_id}/journeys/{journey_id}" as const;

export async function writeOp(
  api: Api,
  ref: JourneyRef,
  current: { journey: Journey; version: number },
  op: JourneyOp,
): Promise<Written> {
  const path = { workspace_id: ref.workspaceId, journey_id: ref.journeyId };
  const headers = ifMatch(current.version);
  const journey = current.journey;
  const done = (version: number, server: JourneyOp = op): Written => ({
    journey: applyOp(journey, server),
    version,
  });
  switch (op.type) {
    case "updateJourney": {
      const { data, version } = await written(
        api.PATCH(JOURNEY, {
          params: { path, header: headers },
          body: op.changes as never,
          headers: { "Content-Type": "application/merge-patch+json" },
        }),
      );
      return { journey: (data as { journey: Journey }).journey, version };
    }
    case "addStage": {
      const { data, version } = await written(
        api.POST(`${JOURNEY}/stages`, {
          params: { path, query: { position: op.position }, header: headers },
          body: op.stage,
        }),
      );
      return done(version, { ...op, stage: data as Stage });
    }
    case "removeStage": {
      const { version } = await written(
        api.DELETE(`${JOURNEY}/stages/{part_id}`, {
          params: { path: { ...path, part_id: op.id }, header: headers },
        }),
      );
      return done(version);
    }
    case "updateStage": {
      const stage = { ...journey.stages![stageIndex(journey, op.id)]!, ...op.changes };
      const { data, version } = await written(
        api.PUT(`${JOURNEY}/stages/{part_id}`, {
          params: { path: { ...path, part_id: op.id }, header: headers },
          body: stage,
        }),
      );
      return { journey: replaceStage(journey, data as Stage), version };
    }
    case "addStep": {
      const { data, version } = await written(
        api.POST(`${JOURNEY}/stages/{stage_id}/steps`, {
          params: { path: { ...path, stage_id: op.stageId }, query: { position: op.position }, header: headers },
          body: op.step,
        }),
      );
      return done(version, { ...op, step: data as Step });
    }
    case "removeStep": {
      const { version } = await written(
        api.DELETE(`${JOURNEY}/steps/{part_id}`, {
          params: { path: { ...path, part_id: op.id }, header: headers },
        }),
      );
      return done(version);
    }
    case "updateStep": {
      const step = { ...findStep(journey, op.id), ...op.changes };
      const { data, version } = await written(
        api.PUT(`${JOURNEY}/steps/{part_id}`, {
          params: { path: { ...path, part_id: op.id }, header: headers },
          body: step,
        }),
      );
      return done(version, { type: "updateStep", id: op.id, changes: data as Step });
    }
    case "moveStage":
    case "moveStep":
      return patchStages(api, path, headers, applyOp(journey, op));
    case "addNote": {
      const url = op.kind === "insight" ? `${JOURNEY}/insights` : `${JOURNEY}/opportunities`;
      const { data, version } = await written(
        api.POST(url as `${typeof JOURNEY}/insights`, {
          params: { path, query: { position: op.position }, header: headers },
          body: op.note as never,
        }),
      );
      return done(version, { ...op, note: data as Note });
    }
    case "removeNote": {
      const url = op.kind === "insight" ? `${JOURNEY}/insights/{part_id}` : `${JOURNEY}/opportunities/{part_id}`;
      const { version } = await written(
        api.DELETE(url as `${typeof JOURNEY}/insights/{part_id}`, {
          params: { path: { ...path, part_id: op.id }, header: headers },
        }),
      );
      return done(version);
    }
    case "updateNote": {
      const notes: Note[] = (op.kind === "insight" ? journey.insights : journey.opportunities) ?? [];
      const note = { ...notes.find((item) => item.id === op.id)!, ...op.changes };
      const url = op.kind === "insight" ? `${JOURNEY}/insights/{part_id}` : `${JOURNEY}/opportunities/{part_id}`;
      const { data, version } = await written(
        api.PUT(url as `${typeof JOURNEY}/insights/{part_id}`, {
          params: { path: { ...path, part_id: op.id }, header: headers },
          body: note as never,
        }),
      );
      return done(version, { type: "updateNote", kind: op.kind, id: op.id, changes: data as Note });
    }
    case "addLaneItem":
    case "removeLaneItem":
    case "updateLaneItem":
    case "moveLaneItem":
      return writeLane(api, ref, current, op);
  }
}

function replaceStage(journey: Journey, stage: Stage): Journey {
  return { ...journey, stages: (journey.stages ?? []).map((item) => (item.id === stage.id ? stage : item)) };
}

async function patchStages(
  api: Api,
  path: { workspace_id: string; journey_id: string },
  headers: { "If-Match": string },
  wanted: Journey,
): Promise<Written> {
  // A JSON Merge Patch replaces arrays whole: one atomic write for any reordering.
  const { data, version } = await written(
    api.PATCH(JOURNEY, {
      params: { path, header: headers },
      // The document declares the merge patch as a bare object; any part of a journey goes.
      body: { stages: wanted.stages ?? [] } as never,
      headers: { "Content-Type": "application/merge-patch+json" },
    }),
  );
  return { journey: (data as { journey: Journey }).journey, version };
}

type LaneOp = Extract<JourneyOp, { at: LaneAddress }>;

async function writeLane(
  api: Api,
  ref: JourneyRef,
  current: { journey: Journey; version: number },
  op: LaneOp,
): Promise<Written> {
  const base = {
    workspace_id: ref.workspaceId,
    journey_id: ref.journeyId,
    anchor_id: op.at.anchorId,
    lane: op.at.lane,
  };
  const headers = ifMatch(current.version);
  const stageLane = op.at.anchor === "stage";
  const LANE = `${JOURNEY}/${stageLane ? "stages" : "steps"}/{anchor_id}/lanes/{lane}` as `${typeof JOURNEY}/steps/{anchor_id}/lanes/{lane}`;
  const ITEM = `${LANE}/{index}` as `${typeof JOURNEY}/steps/{anchor_id}/lanes/{lane}/{index}`;
  const items = laneItems(current.journey, op.at);
  let call;
  if (op.type === "addLaneItem" && op.index >= items.length) {
    call = api.POST(LANE, { params: { path: base, header: headers }, body: op.item });
  } else if (op.type === "removeLaneItem") {
    call = api.DELETE(ITEM, { params: { path: { ...base, index: op.index }, header: headers } });
  } else if (op.type === "updateLaneItem") {
    call = api.PUT(ITEM, { params: { path: { ...base, index: op.index }, header: headers }, body: op.item });
  } else {
    // Inserting in the middle or reordering: the lane's owner written whole, in one version.
    return writeAnchor(api, ref, headers, applyOp(current.journey, op), op.at);
  }
  const { data, version } = await written(call);
  return { journey: withLane(current.journey, op.at, (data as { items: LaneItem[] }).items), version };
}

async function writeAnchor(
  api: Api,
  ref: JourneyRef,
  headers: { "If-Match": string },
  wanted: Journey,
  at: LaneAddress,
): Promise<Written> {
  const path = { workspace_id: ref.workspaceId, journey_id: ref.journeyId, part_id: at.anchorId };
  if (at.anchor === "stage") {
    const stage = wanted.stages![stageIndex(wanted, at.anchorId)]!;
    const { data, version } = await written(
      api.PUT(`${JOURNEY}/stages/{part_id}`, { params: { path, header: headers }, body: stage }),
    );
    return { journey: replaceStage(wanted, data as Stage), version };
  }
  const step = findStep(wanted, at.anchorId);
  const { data, version } = await written(
    api.PUT(`${JOURNEY}/steps/{part_id}`, { params: { path, header: headers }, body: step }),
  );
  return { journey: applyOp(wanted, { type: "updateStep", id: at.anchorId, changes: data as Step }), version };
}
