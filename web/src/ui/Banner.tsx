// Messages across the top of a page: conflicts and errors as alerts, the rest as status.
import type { ReactNode } from "react";

interface Props {
  tone: "error" | "warning" | "info";
  children: ReactNode;
  actions?: ReactNode;
  onDismiss?: () => void;
}

export function Banner({ tone, children, actions, onDismiss }: Props) {
  return (
    <div className={`banner banner-${tone}`} role={tone === "info" ? "status" : "alert"}>
      <span className="banner-icon" aria-hidden="true">
        {tone === "info" ? "ℹ" : "⚠"}
      </span>
      <div className="banner-text">{children}</div>
      {actions && <div className="banner-actions">{actions}</div>}
      {onDismiss && (
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
