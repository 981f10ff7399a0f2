// The Export menu of the canvas: each choice downloads the file the server makes (the same
// map the CLI renders), named by the server. A failure is said in place, never a broken file.
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { toApiError } from "../api/errors";
import { EXPORT_FORMATS, type ExportFormat, exportPath, fileNameOf } from "./exportFormats";
import "../evidence/evidence.css";

interface Props {
  workspaceId: string;
  journeyId: string;
  /** Draw the actual journey over the map (the overlay is on). */
  actual: boolean;
  onError: (message: string) => void;
}

async function download(url: string, fallback: string): Promise<void> {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    throw toApiError(response.status, body);
  }
  const blob = await response.blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = fileNameOf(response.headers.get("Content-Disposition"), fallback);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function ExportMenu({ workspaceId, journeyId, actual, onError }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const menu = useRef<HTMLUListElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>("button")?.focus();
    const away = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("mousedown", away);
    return () => document.removeEventListener("mousedown", away);
  }, [open]);

  const choose = async (format: ExportFormat) => {
    setOpen(false);
    setBusy(format.id);
    try {
      const path = exportPath(workspaceId, journeyId, format, actual && format.map);
      await download(path, `journey.${format.id === "mermaid" ? "mmd" : format.id}`);
    } catch (failure) {
      onError(`The ${format.label} export failed: ${failure instanceof Error ? failure.message : String(failure)}`);
    } finally {
      setBusy(null);
      button.current?.focus();
    }
  };

  const onKey = (event: KeyboardEvent) => {
    const items = Array.from(menu.current?.querySelectorAll<HTMLButtonElement>("button") ?? []);
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = (at + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    }
  };

  return (
    <div className="export-menu">
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="export-menu-list"
        onClick={() => setOpen((value) => !value)}
        disabled={busy !== null}
      >
        {busy ? "Exporting…" : "Export"} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul ref={menu} id="export-menu-list" className="menu" role="menu" aria-label="Export the journey" onKeyDown={onKey}>
          {EXPORT_FORMATS.map((format, at) => (
            <li key={format.id} role="none" className={at === 3 ? "menu-separated" : undefined}>
              <button type="button" role="menuitem" onClick={() => void choose(format)}>
                <span className="menu-label">{format.label}</span>
                <span className="menu-note">
                  {format.note}
                  {format.map && actual ? ", with the actual journey" : ""}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
