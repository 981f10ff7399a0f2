// What the canvas knows beside the journey itself: the evidence summary (badges, derived
// emotions, the step panel's Evidence tab), files dropped on steps, and the actual-journey
// overlay. One provider per open journey; the canvas's parts read it with `useEvidence`,
// and without a provider (in component tests) they get an inert view that draws nothing.
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { type OverlayState, overlayReducer } from "../actual/actualOverlay";
import { canEdit } from "../api/types";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { type JourneyRef, evidenceSummary, latestActual, uploadAttachment, uploadEventLog } from "./evidenceApi";
import type { EvidenceSummary, StepEvidence } from "./evidenceFormat";

export type PanelTab = "details" | "evidence" | "comments";

export interface Notice {
  tone: "info" | "error";
  text: string;
}

export interface EvidenceView {
  ref: JourneyRef | null;
  editable: boolean;
  summary: EvidenceSummary | null;
  /** Goes up after every change to the evidence or attachments (lists reload on it). */
  revision: number;
  stepEvidence: (stepId: string) => StepEvidence | null;
  reload: () => void;
  /** A live message from the journey's websocket. */
  heard: (type: string) => void;
  tab: PanelTab;
  setTab: (tab: PanelTab) => void;
  uploadFiles: (stepId: string, stepName: string, files: File[]) => Promise<void>;
  notice: Notice | null;
  setNotice: (notice: Notice | null) => void;
  overlay: OverlayState;
  toggleOverlay: () => void;
  uploadLog: (file: File) => Promise<void>;
  /** The import dialog, opened for one step (its items are placed there) or for all. */
  importFor: { stepId: string | null } | null;
  openImport: (stepId: string | null) => void;
  closeImport: () => void;
}

const noop = () => {};
const INERT: EvidenceView = {
  ref: null,
  editable: false,
  summary: null,
  revision: 0,
  stepEvidence: () => null,
  reload: noop,
  heard: noop,
  tab: "details",
  setTab: noop,
  uploadFiles: async () => {},
  notice: null,
  setNotice: noop,
  overlay: { mode: "off" },
  toggleOverlay: noop,
  uploadLog: async () => {},
  importFor: null,
  openImport: noop,
  closeImport: noop,
};

const EvidenceContext = createContext<EvidenceView>(INERT);

export function useEvidence(): EvidenceView {
  return useContext(EvidenceContext);
}

function message(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

export function EvidenceProvider({ journeyId, children }: { journeyId: string; children: ReactNode }) {
  const { workspace } = useWorkspace();
  const ref = useMemo(() => ({ workspaceId: workspace.id, journeyId }), [workspace.id, journeyId]);
  const editable = canEdit(workspace.role);
  const [summary, setSummary] = useState<EvidenceSummary | null>(null);
  const [revision, setRevision] = useState(0);
  const [tab, setTab] = useState<PanelTab>("details");
  const [notice, setNotice] = useState<Notice | null>(null);
  const [overlay, dispatch] = useReducer(overlayReducer, { mode: "off" });
  const [importFor, setImportFor] = useState<{ stepId: string | null } | null>(null);
  const overlayOn = useRef(false);
  overlayOn.current = overlay.mode !== "off";

  const reload = useCallback(() => setRevision((value) => value + 1), []);

  useEffect(() => {
    let live = true;
    evidenceSummary(ref)
      .then((found) => live && setSummary(found))
      .catch((failure: unknown) => live && setNotice({ tone: "error", text: `Evidence could not be loaded: ${message(failure)}` }));
    return () => {
      live = false;
    };
  }, [ref, revision]);

  const fetchActual = useCallback(() => {
    latestActual(ref)
      .then((stored) => dispatch(stored ? { type: "loaded", stored } : { type: "missing" }))
      .catch((failure: unknown) => dispatch({ type: "failed", message: message(failure) }));
  }, [ref]);

  const toggleOverlay = useCallback(() => {
    if (!overlayOn.current) fetchActual();
    dispatch({ type: "toggle" });
  }, [fetchActual]);

  const heard = useCallback(
    (type: string) => {
      if (type.startsWith("evidence.")) reload();
      else if (type.startsWith("actual.") && overlayOn.current) fetchActual();
    },
    [reload, fetchActual],
  );

  const uploadFiles = useCallback(
    async (stepId: string, stepName: string, files: File[]) => {
      if (!files.length) return;
      setTab("evidence");
      setNotice({ tone: "info", text: `Attaching ${files.length === 1 ? files[0]!.name : `${files.length} files`} to ${stepName}…` });
      const failed: string[] = [];
      for (const file of files) {
        try {
          await uploadAttachment(ref, stepId, file);
        } catch (failure) {
          failed.push(`${file.name}: ${message(failure)}`);
        }
      }
      reload();
      const done = files.length - failed.length;
      setNotice(
        failed.length
          ? { tone: "error", text: `${done ? `${done} attached; ` : ""}not attached: ${failed.join("; ")}` }
          : { tone: "info", text: `${done === 1 ? files[0]!.name : `${done} files`} attached to ${stepName}.` },
      );
    },
    [ref, reload],
  );

  const uploadLog = useCallback(
    async (file: File) => {
      const stored = await uploadEventLog(ref, file);
      dispatch({ type: "uploaded", stored });
    },
    [ref],
  );

  const view = useMemo<EvidenceView>(
    () => ({
      ref,
      editable,
      summary,
      revision,
      stepEvidence: (stepId) => summary?.steps[stepId] ?? null,
      reload,
      heard,
      tab,
      setTab,
      uploadFiles,
      notice,
      setNotice,
      overlay,
      toggleOverlay,
      uploadLog,
      importFor,
      openImport: (stepId) => setImportFor({ stepId }),
      closeImport: () => setImportFor(null),
    }),
    [ref, editable, summary, revision, reload, heard, tab, uploadFiles, notice, overlay, toggleOverlay, uploadLog, importFor],
  );
  return <EvidenceContext.Provider value={view}>{children}</EvidenceContext.Provider>;
}
