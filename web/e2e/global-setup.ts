// Starts `cxmap serve --demo` on a free port over a fresh data folder, adds a viewer to
// the demo workspace through the API, and hands the address to the tests in
// CXMAP_E2E_URL. The returned function stops the server and removes the folder.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO, VIEWER } from "./accounts";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

function command(): [string, string[]] {
  const installed = join(repo, ".venv", "bin", "cxmap");
  if (existsSync(installed)) return [installed, []];
  return [process.env.UV ?? "uv", ["run", "--frozen", "cxmap"]];
}

async function waitUntilUp(url: string, server: ChildProcess, log: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`cxmap serve stopped:\n${log.join("")}`);
    try {
      if ((await fetch(`${url}/openapi.json`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`cxmap serve did not answer within 60 s:\n${log.join("")}`);
}

async function call(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** A viewer in the demo workspace, made the way an owner would: sign-up, then membership. */
async function addViewer(url: string): Promise<void> {
  await call(url, "/auth/signup", { email: VIEWER.email, display_name: VIEWER.name, password: VIEWER.password });
  const login = await call(url, "/auth/login", { email: DEMO.email, password: DEMO.password });
  const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
  const cookie = login.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const auth = { Cookie: cookie, "X-CSRF-Token": csrf };
  const workspaces = (await (await fetch(`${url}/workspaces`, { headers: auth })).json()) as { id: string }[];
  await call(url, `/workspaces/${workspaces[0]!.id}/members`, { email: VIEWER.email, role: "viewer" }, auth);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const data = mkdtempSync(join(tmpdir(), "cxmap-e2e-"));
  const [program, prefix] = command();
  const env: NodeJS.ProcessEnv = { ...process.env, CXMAP_DATA_DIR: data };
  delete env.CXMAP_DATABASE_URL;
  delete env.CXMAP_ATTACHMENTS_DIR;
  const args = [...prefix, "serve", "--demo", "--host", "127.0.0.1", "--port", String(port), "--examples", join(repo, "examples")];
  const server = spawn(program, args, { cwd: repo, env, stdio: ["ignore", "pipe", "pipe"] });
  const log: string[] = [];
  server.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  await waitUntilUp(url, server, log);
  await addViewer(url);
  process.env.CXMAP_E2E_URL = url;
  return async () => {
    server.kill("SIGTERM");
    await new Promise((done) => (server.exitCode !== null ? done(null) : server.once("exit", done)));
    rmSync(data, { recursive: true, force: true });
  };
}
