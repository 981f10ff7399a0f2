// Story mode of a journey in the workspace (/w/:workspace/j/:journey/story): the journey
// and, when the evidence has been analysed, its customers' quotes. Leaving goes back to
// the canvas. Without evidence (or without the evidence API) the story simply has no quotes.
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap } from "../api/client";
import type { Journey } from "../api/types";
import { Banner } from "../ui/Banner";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { StoryMode } from "./StoryMode";
import { type EvidenceSummary, buildStory } from "./storyModel";

export function StoryPage() {
  const { journeyId = "" } = useParams();
  const { workspace } = useWorkspace();
  const navigate = useNavigate();
  const [journey, setJourney] = useState<Journey | null>(null);
  const [summary, setSummary] = useState<EvidenceSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const path = { workspace_id: workspace.id, journey_id: journeyId };
  const canvas = `/w/${workspace.id}/j/${journeyId}`;

  useEffect(() => {
    let live = true;
    unwrap(api.GET("/workspaces/{workspace_id}/journeys/{journey_id}", { params: { path } }))
      .then(({ data }) => live && setJourney(data.journey))
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)));
    unwrap(api.GET("/workspaces/{workspace_id}/journeys/{journey_id}/evidence/summary", { params: { path } }))
      .then(({ data }) => live && setSummary(data))
      .catch(() => undefined); // no evidence yet: a story without quotes
    return () => {
      live = false;
    };
  }, [workspace.id, journeyId]);

  const slides = useMemo(() => (journey ? buildStory(journey, summary) : []), [journey, summary]);
  if (error) {
    return (
      <main className="canvas-page">
        <Banner tone="error">{error}</Banner>
        <Link to={canvas}>Back to the journey</Link>
      </main>
    );
  }
  if (!journey) return <p className="loading">Loading the story…</p>;
  return <StoryMode slides={slides} title={journey.title} onExit={() => navigate(canvas)} />;
}
