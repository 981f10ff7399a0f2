// Text that turns into an input in place: double-click, Enter or F2 starts, Enter or
// leaving the field saves, Escape cancels. Without `onSave` it is plain text (viewers).
import { type KeyboardEvent, useEffect, useRef, useState } from "react";

interface Props {
  value: string;
  onSave?: (value: string) => void;
  label: string;
  className?: string;
  multiline?: boolean;
  placeholder?: string;
  /** Start editing at once (a part just added). */
  autoEdit?: boolean;
  onEditEnd?: () => void;
}

export function InlineText({ value, onSave, label, className, multiline, placeholder, autoEdit, onEditEnd }: Props) {
  const [editing, setEditing] = useState(Boolean(autoEdit && onSave));
  const [draft, setDraft] = useState(value);
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const display = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!editing) setDraft(value);
  }, [value, editing]);
  useEffect(() => {
    if (editing) field.current?.select();
  }, [editing]);

  if (!onSave) {
    return <span className={className}>{value || placeholder}</span>;
  }
  const finish = (save: boolean) => {
    setEditing(false);
    const text = draft.trim();
    if (save && text && text !== value) onSave(text);
    else setDraft(value);
    onEditEnd?.();
    requestAnimationFrame(() => display.current?.focus());
  };
  const onKey = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === "Escape") finish(false);
    if (event.key === "Enter" && (!multiline || !event.shiftKey)) {
      event.preventDefault();
      finish(true);
    }
  };
  if (editing) {
    const common = {
      ref: field,
      "aria-label": label,
      className: `inline-input ${className ?? ""}`,
      value: draft,
      onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
      onBlur: () => finish(true),
      onKeyDown: onKey,
      onClick: (event: { stopPropagation: () => void }) => event.stopPropagation(),
    };
    return multiline ? <textarea rows={3} {...common} /> : <input {...common} />;
  }
  return (
    <button
      type="button"
      ref={display}
      className={`inline-text ${className ?? ""}`}
      aria-label={`${label}: ${value || "empty"}`}
      title="Double-click or press Enter to edit"
      onDoubleClick={(event) => {
        event.stopPropagation();
        setEditing(true);
      }}
      onKeyDown={(event) => {
        if (event.key === "Enter" || event.key === "F2") {
          event.preventDefault();
          event.stopPropagation();
          setEditing(true);
        }
      }}
    >
      {value || <span className="placeholder">{placeholder}</span>}
    </button>
  );
}
