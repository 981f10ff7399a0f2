// "+ Add step": a quiet button that becomes a text field in place; Enter adds, Escape cancels.
import { type KeyboardEvent, forwardRef, useImperativeHandle, useRef, useState } from "react";

interface Props {
  label: string;
  /** What a screen reader hears, when `label` alone would be ambiguous on the page. */
  ariaLabel?: string;
  placeholder: string;
  onAdd: (text: string) => void;
  className?: string;
}

export interface AddInlineHandle {
  open: () => void;
}

export const AddInline = forwardRef<AddInlineHandle, Props>(function AddInline(
  { label, ariaLabel, placeholder, onAdd, className },
  handle,
) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const button = useRef<HTMLButtonElement>(null);
  useImperativeHandle(handle, () => ({ open: () => setOpen(true) }), []);

  const close = () => {
    setOpen(false);
    setText("");
    requestAnimationFrame(() => button.current?.focus());
  };
  const submit = () => {
    const value = text.trim();
    if (value) onAdd(value);
    close();
  };
  const onKey = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === "Enter") {
      event.preventDefault();
      submit();
    }
    if (event.key === "Escape") close();
  };
  if (open) {
    return (
      <input
        className={`inline-input add-input ${className ?? ""}`}
        aria-label={placeholder}
        placeholder={placeholder}
        value={text}
        autoFocus
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKey}
        onBlur={submit}
      />
    );
  }
  return (
    <button ref={button} type="button" className={`add-button ${className ?? ""}`}
      aria-label={ariaLabel}
      onClick={() => setOpen(true)}
    >
      <span aria-hidden="true">+</span> {label}
    </button>
  );
});
