// A shared journey (/share/:secret), for anyone with the link and without signing in: the
// journey's outline and a button that starts story mode (full screen, from that click).
// Read-only: the public API gives the document and nothing that could change it. A revoked
// or unknown link says so, without telling which.
import { useEffect, useMemo, useState } from "react";
import { useParams } from "react-router";
import type { components } from "../api/schema";
import { api, unwrap } from "../api/client";
import { ApiError } from "../api/errors";
import { StoryMode } from "./StoryMode";
import { buildStory } from "./storyModel";
import "./story.css";

type SharedJourney = components["schemas"]["SharedJourney"];

export function SharedStoryPage() {
  const { secret = "" } = useParams();
  const [shared, setShared] = useState<SharedJourney | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [presenting, setPresenting] = useState(false);

  useEffect(() => {
    let live = true;
    unwrap(api.GET("/shared/{secret}", { params: { path: { secret } } }))
      .then(({ data }) => live && setShared(data))
      .catch((failure: unknown) => {
        if (!live) return;
        const gone = failure instanceof ApiError && (failure.status === 404 || failure.status === 422);
        setMissing(gone ? "This link was revoked, or it never existed. Ask whoever shared it for a new one." : String(failure));
      });
    return () => {
      live = false;
    };
  }, [secret]);

  const slides = useMemo(() => (shared ? buildStory(shared.journey) : []), [shared]);
  if (missing) {
    return (
      <main className="login-page">
        <section className="login-card">
          <h1>This story is not available</h1>
          <p className="muted">{missing}</p>
        </section>
      </main>
    );
  }
  if (!shared) return <p className="loading">Loading the shared journey…</p>;
  const { journey } = shared;
  const stages = journey.stages ?? [];
  return (
    <main className="shared-page" aria-labelledby="shared-title">
      <header className="shared-head">
        <span className="brand">
          <img src="/favicon.svg" alt="" width={24} height={24} /> cxmap
        </span>
        <span className="story-badge">Shared read-only</span>
      </header>
      <section className="shared-intro">
        <p className="shared-kicker">A customer journey</p>
        <h1 id="shared-title">{journey.title}</h1>
        {journey.description && <p className="shared-lead">{journey.description}</p>}
        <button type="button" className="button primary shared-start" onClick={() => setPresenting(true)} autoFocus>
          ▶ Start the story
        </button>
        <p className="muted small">
          {stages.length} stage{stages.length === 1 ? "" : "s"} · version {shared.version} · full screen; <kbd>←</kbd>{" "}
          <kbd>→</kbd> to move, <kbd>Esc</kbd> to leave
        </p>
      </section>
      <ol className="shared-stages" aria-label="Stages">
        {stages.map((stage, at) => (
          <li key={stage.id}>
            <h2>
              <span className="shared-number">{at + 1}</span> {stage.name}
            </h2>
            {stage.goal && <p className="muted">{stage.goal}</p>}
            <ul>
              {(stage.steps ?? []).map((step) => (
                <li key={step.id}>
                  {step.name}
                  {step.emotion != null && step.emotion < 0 && <span className="shared-pain"> ▼ Pain point</span>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {presenting && <StoryMode slides={slides} title={journey.title} badge="Shared read-only" onExit={() => setPresenting(false)} />}
    </main>
  );
}
