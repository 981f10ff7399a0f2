// What the Export menu offers: the map drawn by the server (PNG, PDF, SVG; with the actual
// journey over it when the overlay is on) and the journey itself as YAML or Mermaid.
export interface ExportFormat {
  id: "png" | "pdf" | "svg" | "yaml" | "mermaid";
  label: string;
  note: string;
  /** Drawn maps can carry the actual-journey overlay; the journey's text cannot. */
  map: boolean;
}

export const EXPORT_FORMATS: ExportFormat[] = [
  { id: "png", label: "PNG image", note: "for slides and chat", map: true },
  { id: "pdf", label: "PDF", note: "vector, for print", map: true },
  { id: "svg", label: "SVG", note: "vector, for editing", map: true },
  { id: "yaml", label: "YAML", note: "the journey file, to version or re-import", map: false },
  { id: "mermaid", label: "Mermaid", note: "a journey diagram for Markdown", map: false },
];

export function exportPath(workspaceId: string, journeyId: string, format: ExportFormat, actual: boolean): string {
  const base = `/workspaces/${workspaceId}/journeys/${journeyId}`;
  if (!format.map) return `${base}/export?format=${format.id}`;
  return `${base}/map.${format.id}${actual ? "?overlay=actual" : ""}`;
}

/** The file name the server gave (RFC 6266: the UTF-8 `filename*` wins), else `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // a broken encoding: fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1]!.trim() : fallback;
}
