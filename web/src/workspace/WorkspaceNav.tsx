// The workspace's screens, side by side in the top bar: journeys (with each journey's map
// and priorities), the ranking of priorities, the action board and the key metrics. The
// current one is marked for screen readers too (aria-current).
import { Link, useLocation } from "react-router";
import "./workspaceNav.css";

const SCREENS = [
  { path: "", name: "Journeys" },
  { path: "priorities", name: "Priorities" },
  { path: "actions", name: "Actions" },
  { path: "kpis", name: "Key metrics" },
] as const;

/** The screen a path inside the workspace belongs to ("" = the journeys and their maps). */
export function screenOf(pathname: string, workspaceId: string): string {
  const rest = pathname.slice(`/w/${workspaceId}`.length).replace(/^\/+/, "");
  const first = rest.split("/")[0] ?? "";
  return SCREENS.some((screen) => screen.path === first) ? first : "";
}

export function WorkspaceNav({ workspaceId }: { workspaceId: string }) {
  const { pathname } = useLocation();
  const current = screenOf(pathname, workspaceId);
  return (
    <nav className="workspace-nav" aria-label="Workspace">
      {SCREENS.map((screen) => (
        <Link
          key={screen.name}
          to={screen.path ? `/w/${workspaceId}/${screen.path}` : `/w/${workspaceId}`}
          className={current === screen.path ? "workspace-nav-link active" : "workspace-nav-link"}
          aria-current={current === screen.path ? "page" : undefined}
        >
          {screen.name}
        </Link>
      ))}
    </nav>
  );
}
