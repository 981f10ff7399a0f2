// The frame of every workspace page: the top bar (workspace, role, who is signed in) and
// the workspace's data the pages below share.
import { useEffect, useMemo, useState } from "react";
import { Link, Outlet, useNavigate, useParams } from "react-router";
import { api, unwrap } from "../api/client";
import type { Member, Workspace } from "../api/types";
import { canEdit } from "../api/types";
import { useSession } from "../session/SessionContext";
import { Banner } from "../ui/Banner";
import { WorkspaceContext, type WorkspaceView } from "./WorkspaceContext";
import { WorkspaceNav } from "./WorkspaceNav";

const ROLE_NAMES: Record<string, string> = {
  owner: "Owner",
  editor: "Editor",
  commenter: "Commenter (view only)",
  viewer: "Viewer (view only)",
};

export function WorkspaceLayout() {
  const { workspaceId = "" } = useParams();
  const navigate = useNavigate();
  const { user, signOut } = useSession();
  const [workspaces, setWorkspaces] = useState<Workspace[] | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([
      unwrap(api.GET("/workspaces")),
      unwrap(api.GET("/workspaces/{workspace_id}/members", { params: { path: { workspace_id: workspaceId } } })),
    ])
      .then(([listed, people]) => {
        if (!live) return;
        setWorkspaces(listed.data);
        setMembers(people.data);
      })
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)));
    return () => {
      live = false;
    };
  }, [workspaceId]);

  const view = useMemo<WorkspaceView | null>(() => {
    const workspace = workspaces?.find((item) => item.id === workspaceId);
    if (!workspace || !workspaces) return null;
    const names = new Map(members.map((member) => [member.user.id, member.user.display_name]));
    return {
      workspace,
      workspaces,
      members,
      canEdit: canEdit(workspace.role),
      nameOf: (id) => (id ? (id === user?.id ? "you" : (names.get(id) ?? "a former member")) : "someone"),
    };
  }, [workspaces, members, workspaceId, user]);

  return (
    <div className="app-frame">
      <header className="top-bar">
        <Link to={view ? `/w/${view.workspace.id}` : "/"} className="brand" aria-label="cxmap home">
          <img src="/favicon.svg" alt="" width={24} height={24} /> cxmap
        </Link>
        {view && (
          <div className="workspace-switch">
            <label className="visually-hidden" htmlFor="workspace-select">
              Workspace
            </label>
            <select
              id="workspace-select"
              value={view.workspace.id}
              onChange={(event) => navigate(`/w/${event.target.value}`)}
            >
              {view.workspaces.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </select>
            <span className={`role-badge role-${view.workspace.role}`} data-testid="role-badge">
              {ROLE_NAMES[view.workspace.role] ?? view.workspace.role}
            </span>
          </div>
        )}
        {view && <WorkspaceNav workspaceId={view.workspace.id} />}
        <div className="top-bar-end">
          <span className="user-name">{user?.display_name}</span>
          <button
            type="button"
            className="button subtle"
            onClick={() => void signOut().then(() => navigate("/login"))}
          >
            Sign out
          </button>
        </div>
      </header>
      {error && <Banner tone="error">{error}</Banner>}
      {view ? (
        <WorkspaceContext.Provider value={view}>
          <Outlet />
        </WorkspaceContext.Provider>
      ) : (
        !error && <p className="loading">Loading workspace…</p>
      )}
    </div>
  );
}
