// Routes: /login, / (your first workspace), /w/:workspace (its journeys) and
// /w/:workspace/j/:journey (the canvas), .../story (story mode) and /share/:secret (a shared
// story, no sign-in); .../j/:journey/priorities, /w/:workspace/priorities, /actions and /kpis
// (priorities and actions). The server answers index.html for all of them.
import type { ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { ActionBoardPage } from "./actions/ActionBoardPage";
import { CanvasPage } from "./canvas/CanvasPage";
import { HomePage } from "./home/HomePage";
import { KpiPage } from "./kpis/KpiPage";
import { JourneyPrioritiesPage } from "./priorities/JourneyPrioritiesPage";
import { PrioritiesPage } from "./priorities/PrioritiesPage";
import { LoginPage } from "./session/LoginPage";
import { SessionProvider, useSession } from "./session/SessionContext";
import { SharedStoryPage } from "./story/SharedStoryPage";
import { StoryPage } from "./story/StoryPage";
import { WorkspaceLayout } from "./workspace/WorkspaceLayout";
import { WorkspacesLanding } from "./workspace/WorkspacesLanding";

function RequireUser({ children }: { children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <p className="loading">Loading…</p>;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return children;
}

function NotFound() {
  return (
    <main className="login-page">
      <section className="login-card">
        <h1>Nothing here</h1>
        <p className="muted">This address does not lead to a page of cxmap.</p>
        <a href="/">Go to your journeys</a>
      </section>
    </main>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/share/:secret" element={<SharedStoryPage />} />
        <Route
          path="/"
          element={
            <RequireUser>
              <WorkspacesLanding />
            </RequireUser>
          }
        />
        <Route
          path="/w/:workspaceId"
          element={
            <RequireUser>
              <WorkspaceLayout />
            </RequireUser>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="j/:journeyId" element={<CanvasPage />} />
          <Route path="j/:journeyId/priorities" element={<JourneyPrioritiesPage />} />
          <Route path="priorities" element={<PrioritiesPage />} />
          <Route path="actions" element={<ActionBoardPage />} />
          <Route path="kpis" element={<KpiPage />} />
          <Route path="j/:journeyId/story" element={<StoryPage />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Routes>
    </SessionProvider>
  );
}
