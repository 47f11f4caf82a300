import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (frontend/ is one level down). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Same environment as scripts/e2e-backend.sh, so commands reach the e2e database and Redis. */
function backendEnv(): NodeJS.ProcessEnv {
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

function manage(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(path.join(ROOT, ".venv", "bin", "python"), ["manage.py", ...args], {
    cwd: ROOT,
    env: { ...backendEnv(), ...env },
    encoding: "utf8",
    timeout: 90_000,
  });
}

/** A user that can sign in with `password`; staff when asked (the monitoring console is staff only). */
export function createUser(email: string, password: string, { staff = false, name = "E2E", locale = "ko" } = {}): void {
  // `shell -c` takes no arguments of its own: the values travel in the environment.
  manage(
    [
      "shell",
      "-c",
      [
        "import os",
        "from apps.users.models import User",
        "e = os.environ",
        "User.objects.create_user(e['E2E_EMAIL'], e['E2E_PASSWORD'], display_name=e['E2E_NAME'], is_staff=e['E2E_STAFF'] == '1', locale=e['E2E_LOCALE'])",
      ].join("\n"),
    ],
    { E2E_EMAIL: email, E2E_PASSWORD: password, E2E_NAME: name, E2E_STAFF: staff ? "1" : "0", E2E_LOCALE: locale },
  );
}

/** One collector sample for `host` (stored, and pushed as `metrics.sample` over /ws/monitoring/). */
export function collectSample(host: string): string {
  return manage(["collect_metrics", "--host", host]);
}

/** One evaluation of every enabled alert rule (what beat does every interval). */
export function evaluateAlerts(): string {
  return manage(["evaluate_alerts"]);
}
