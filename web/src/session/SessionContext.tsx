// Who is signed in. The session itself is the server's HttpOnly cookie; the app only asks
// /auth/me who it belongs to, and keeps nothing secret in JavaScript.
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, unwrap } from "../api/client";
import { NotSignedInError } from "../api/errors";
import type { User } from "../api/types";

interface Session {
  user: User | null;
  loading: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signUp: (email: string, displayName: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    unwrap(api.GET("/auth/me"))
      .then(({ data }) => setUser(data))
      .catch((error: unknown) => {
        if (!(error instanceof NotSignedInError)) console.error(error);
        setUser(null);
      })
      .finally(() => setLoading(false));
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const { data } = await unwrap(api.POST("/auth/login", { body: { email, password } }));
    setUser(data.user);
  }, []);
  const signUp = useCallback(
    async (email: string, displayName: string, password: string) => {
      await unwrap(api.POST("/auth/signup", { body: { email, display_name: displayName, password } }));
      await signIn(email, password);
    },
    [signIn],
  );
  const signOut = useCallback(async () => {
    await api.POST("/auth/logout");
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, loading, signIn, signUp, signOut }), [user, loading, signIn, signUp, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}
