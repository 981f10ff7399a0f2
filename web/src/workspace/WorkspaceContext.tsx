// The workspace in view, the caller's role in it and its members (to name who changed what).
import { createContext, useContext } from "react";
import type { Member, Workspace } from "../api/types";

export interface WorkspaceView {
  workspace: Workspace;
  workspaces: Workspace[];
  members: Member[];
  canEdit: boolean;
  nameOf: (userId: string | null | undefined) => string;
}

export const WorkspaceContext = createContext<WorkspaceView | null>(null);

export function useWorkspace(): WorkspaceView {
  const view = useContext(WorkspaceContext);
  if (!view) throw new Error("useWorkspace outside a workspace page");
  return view;
}
