// The API answers every error as RFC 9457 problem+json; these classes carry what the
// interface needs to say about it (which field, which version is current).
import type { FieldProblem, ProblemDetails } from "./types";

export class ApiError extends Error {
  readonly status: number;
  readonly problems: FieldProblem[];
  readonly currentVersion: number | null;

  constructor(status: number, message: string, problem?: Partial<ProblemDetails>) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.problems = problem?.errors ?? [];
    this.currentVersion = problem?.current_version ?? null;
  }
}

/** A write based on a version that is no longer current (412), or a clash while applying it. */
export class StaleVersionError extends ApiError {
  constructor(status: number, problem?: Partial<ProblemDetails>) {
    const now = problem?.current_version ? ` (it is now at version ${problem.current_version})` : "";
    super(
      status,
      `Someone else changed this journey since you loaded it${now}. Reload to see the ` +
        "latest version, then make your change again.",
      problem,
    );
    this.name = "StaleVersionError";
  }
}

export class NotSignedInError extends ApiError {
  constructor(problem?: Partial<ProblemDetails>) {
    super(401, "Your session has ended. Please sign in again.", problem);
    this.name = "NotSignedInError";
  }
}

const FRIENDLY: Record<number, string> = {
  403: "Your role in this workspace does not allow this.",
  404: "That no longer exists (or you cannot see it).",
  413: "That file is too large for the server.",
  429: "Too many attempts. Please wait a few minutes and try again.",
};

function isProblem(body: unknown): body is Partial<ProblemDetails> {
  return typeof body === "object" && body !== null && ("detail" in body || "title" in body);
}

/** The error to throw for a failed response and its (parsed) body. */
export function toApiError(status: number, body: unknown): ApiError {
  const problem = isProblem(body) ? body : undefined;
  if (status === 412 || (status === 409 && problem?.current_version != null)) {
    return new StaleVersionError(status, problem);
  }
  if (status === 401) return new NotSignedInError(problem);
  if (status === 422 && problem?.errors?.length) {
    const first = problem.errors
      .slice(0, 3)
      .map((field) => `${field.path ? `${field.path}: ` : ""}${field.message}`);
    return new ApiError(status, first.join("; "), problem);
  }
  const detail = problem?.detail ?? (typeof body === "string" && body ? body : undefined);
  const message = FRIENDLY[status] ?? detail ?? `The server answered ${status}.`;
  return new ApiError(status, message, problem);
}

/** One line per problem, with line and column for imported text. */
export function describeProblems(error: ApiError): string[] {
  return error.problems.map((field) => {
    const where = field.line ? `line ${field.line}${field.column ? `:${field.column}` : ""}: ` : "";
    return `${where}${field.path ? `${field.path}: ` : ""}${field.message}`;
  });
}
