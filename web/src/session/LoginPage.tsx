// Sign in (or create an account) with email and password.
import { type FormEvent, useState } from "react";
import { Navigate, useLocation } from "react-router";
import { ApiError } from "../api/errors";
import { useSession } from "./SessionContext";

export function LoginPage() {
  const { user, signIn, signUp } = useSession();
  const location = useLocation();
  const [mode, setMode] = useState<"signin" | "signup">("signin");
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (user) {
    const from = (location.state as { from?: string } | null)?.from ?? "/";
    return <Navigate to={from} replace />;
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === "signin") await signIn(email, password);
      else await signUp(email, name, password);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) setError("That email and password do not match an account.");
      else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const signingIn = mode === "signin";
  return (
    <main className="login-page">
      <section className="login-card" aria-labelledby="login-title">
        <div className="brand brand-large" aria-hidden="true">
          <img src="/favicon.svg" alt="" width={36} height={36} /> cxmap
        </div>
        <h1 id="login-title">{signingIn ? "Sign in" : "Create your account"}</h1>
        <p className="muted">Customer journey maps your team builds together.</p>
        <form onSubmit={submit} className="form">
          {!signingIn && (
            <label>
              Your name
              <input value={name} onChange={(event) => setName(event.target.value)} required autoComplete="name" />
            </label>
          )}
          <label>
            Email
            <input
              type="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              required
              autoComplete="username"
              autoFocus
            />
          </label>
          <label>
            Password
            <input
              type="password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              required
              minLength={signingIn ? 1 : 10}
              autoComplete={signingIn ? "current-password" : "new-password"}
            />
            {!signingIn && <span className="hint">10 characters or more.</span>}
          </label>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? "Please wait…" : signingIn ? "Sign in" : "Create account"}
          </button>
        </form>
        <p className="login-switch">
          {signingIn ? "New to cxmap?" : "Have an account?"}{" "}
          <button type="button" className="link-button" onClick={() => setMode(signingIn ? "signup" : "signin")}>
            {signingIn ? "Create an account" : "Sign in"}
          </button>
        </p>
      </section>
    </main>
  );
}
