import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (frontend/ is one level down). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/**
 * The environment scripts/e2e-backend.sh gives the server, so a management
 * command run from here talks to the same database and Redis.
 */
export function backendEnv(): NodeJS.ProcessEnv {
  const webPort = process.env.E2E_WEB_PORT ?? "3100";
  return {
    ...process.env,
    DJANGO_SETTINGS_MODULE: "config.settings.dev",
    DJANGO_DEBUG: "0",
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL ?? `sqlite:///${ROOT}/var/e2e.sqlite3`,
    FRONTEND_URL: `http://127.0.0.1:${webPort}`,
    MEDIA_ROOT: `${ROOT}/var/e2e-media`,
  };
}

/** Create an in-app notification for `email`; the backend pushes it over /ws/notifications/. */
export function notifyUser(email: string, title: string, body = ""): string {
  return execFileSync(
    path.join(ROOT, ".venv", "bin", "python"),
    ["manage.py", "notify_user", email, title, ...(body ? ["--body", body] : [])],
    { cwd: ROOT, env: backendEnv(), encoding: "utf8", timeout: 60_000 },
  );
}
