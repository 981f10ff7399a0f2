// Files dragged from the desktop onto a step (its card or its panel) are attached to it.
// Only drags that carry files are taken, so moving steps and lane items is untouched.
import { type DragEvent, useCallback, useState } from "react";
import { useEvidence } from "./EvidenceContext";

export function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes("Files");
}

export interface FileDrop {
  over: boolean;
  /** False for viewers: nothing is accepted. */
  enabled: boolean;
  onDragOver: (event: DragEvent) => boolean;
  onDragLeave: (event: DragEvent) => void;
  onDrop: (event: DragEvent) => boolean;
}

/** `onDropped` runs after the files are handed over (the card opens its panel). */
export function useFileDrop(stepId: string, stepName: string, onDropped?: () => void): FileDrop {
  const { editable, uploadFiles } = useEvidence();
  const [over, setOver] = useState(false);
  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (!editable || !carriesFiles(event)) return false;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      setOver(true);
      return true;
    },
    [editable],
  );
  const onDragLeave = useCallback(() => setOver(false), []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      if (!editable || !carriesFiles(event)) return false;
      event.preventDefault();
      event.stopPropagation();
      setOver(false);
      const files = Array.from(event.dataTransfer.files);
      onDropped?.();
      void uploadFiles(stepId, stepName, files);
      return true;
    },
    [editable, uploadFiles, stepId, stepName, onDropped],
  );
  return { over, enabled: editable, onDragOver, onDragLeave, onDrop };
}
