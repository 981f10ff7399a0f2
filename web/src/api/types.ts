// Names for the server's types, all taken from the generated schema (never written by hand).
import type { components } from "./schema";

type Schemas = components["schemas"];
export type Journey = Schemas["Journey"];
export type Stage = Schemas["Stage"];
export type Step = Schemas["Step"];
export type Insight = Schemas["Insight"];
export type Opportunity = Schemas["Opportunity"];
export type LaneItem = Schemas["LaneItem"];
export type LaneItems = Schemas["LaneItems"];
export type Lane = Schemas["Lane"];
export type Channel = Schemas["Channel"];
export type JourneyKind = Schemas["JourneyKind"];
export type JourneyStatus = Schemas["JourneyStatus"];
export type JourneySummary = Schemas["JourneySummary"];
export type StoredJourney = Schemas["StoredJourney"];
export type Workspace = Schemas["WorkspacePublic"];
export type Member = Schemas["Member"];
export type User = Schemas["User"];
export type Role = Schemas["Role"];
export type FieldProblem = Schemas["FieldProblem"];
export type ProblemDetails = Schemas["ProblemDetails"];

/** The lanes whose items are free text anchored to a stage or a step. */
export const TEXT_LANES = ["actions", "thoughts", "frontstage", "backstage", "support"] as const;
export type TextLane = (typeof TEXT_LANES)[number];

/** Roles that may change journeys; the others see the map without edit controls. */
export function canEdit(role: Role | undefined): boolean {
  return role === "owner" || role === "editor";
}
