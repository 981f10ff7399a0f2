// The app's front door: straight to your (first) workspace, or start one.
import { type FormEvent, useEffect, useState } from "react";
import { Navigate, useNavigate } from "react-router";
import { api, unwrap } from "../api/client";
import type { Workspace } from "../api/types";
import { freeId } from "../journey/journeyOps";

export function WorkspacesLanding() {
  const navigate = useNavigate();
  const [workspaces, setWorkspaces] = useState<Workspace[] | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    unwrap(api.GET("/workspaces"))
      .then(({ data }) => setWorkspaces(data))
      .catch((failure: unknown) => setError(String(failure)));
  }, []);

  if (workspaces?.[0]) return <Navigate to={`/w/${workspaces[0].id}`} replace />;
  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const slug = freeId(name, new Set(), "workspace").slice(0, 40);
      const { data } = await unwrap(api.POST("/workspaces", { body: { slug, name } }));
      navigate(`/w/${data.id}`);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <main className="login-page">
      <section className="login-card" aria-labelledby="start-title">
        <h1 id="start-title">Start a workspace</h1>
        <p className="muted">A workspace keeps a team's journeys, personas and evidence together.</p>
        {workspaces && (
          <form className="form" onSubmit={create}>
            <label>
              Team or project name
              <input value={name} onChange={(event) => setName(event.target.value)} required autoFocus />
            </label>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="button primary">
              Create workspace
            </button>
          </form>
        )}
      </section>
    </main>
  );
}
