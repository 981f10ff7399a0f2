// The typed API client: openapi-fetch over the generated `paths`, so every call names a
// real endpoint with real parameters. Cookie sessions need the CSRF token on unsafe
// requests; the server keeps it in the readable `cxmap_csrf` cookie after login.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { toApiError } from "./errors";
import type { paths } from "./schema";

export type Api = Client<paths>;
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const CSRF_COOKIE = "cxmap_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

export function csrfToken(cookies: string = document.cookie): string | null {
  for (const part of cookies.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join("="));
  }
  return null;
}

export function csrfMiddleware(readToken: () => string | null = () => csrfToken()): Middleware {
  return {
    onRequest({ request }) {
      const token = readToken();
      if (token && UNSAFE.has(request.method)) request.headers.set(CSRF_HEADER, token);
      return request;
    },
  };
}

export function createApi(options: { baseUrl?: string; fetch?: typeof fetch } = {}): Api {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? "",
    credentials: "same-origin",
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(csrfMiddleware());
  return client;
}

/** The ETag of a journey (its version) as a number. */
export function versionOf(response: Response): number | null {
  const match = /"?(\d+)"?/.exec(response.headers.get("ETag") ?? "");
  return match ? Number(match[1]) : null;
}

export function ifMatch(version: number): { "If-Match": string } {
  return { "If-Match": `"${version}"` };
}

type Outcome<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful call; otherwise the matching `ApiError` is thrown. */
export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<{ data: T; response: Response }> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response.status, error);
  return { data: data as T, response };
}

/** The version a successful write answered with (every journey write sends its ETag). */
export async function written<T>(call: Promise<Outcome<T>>): Promise<{ data: T; version: number }> {
  const { data, response } = await unwrap(call);
  const version = versionOf(response);
  if (version === null) throw new Error("the server did not say which version it wrote");
  return { data, version };
}

export const api = createApi();
