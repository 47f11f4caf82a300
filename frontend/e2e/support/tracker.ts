import { execFileSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { APIRequestContext } from "@playwright/test";

/** The repository root (frontend/ is one level down). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}`;

/** Same environment as scripts/e2e-backend.sh, so commands reach the e2e database and Redis. */
function backendEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DJANGO_SETTINGS_MODULE: "config.settings.dev",
    DJANGO_DEBUG: "0",
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL ?? `sqlite:///${ROOT}/var/e2e.sqlite3`,
    ...extra,
  };
}

/** A staff user (the analytics API is staff only); returns an access token. */
export async function staffToken(request: APIRequestContext, email: string, password: string): Promise<string> {
  execFileSync(
    path.join(ROOT, ".venv", "bin", "python"),
    [
      "manage.py",
      "shell",
      "-c",
      "import os\nfrom apps.users.models import User\ne = os.environ\n" +
        "User.objects.create_user(e['E2E_EMAIL'], e['E2E_PASSWORD'], display_name='Analytics', is_staff=True)",
    ],
    { cwd: ROOT, env: backendEnv({ E2E_EMAIL: email, E2E_PASSWORD: password }), encoding: "utf8", timeout: 90_000 },
  );
  const response = await request.post(`${API_URL}/api/v1/auth/login/`, { data: { email, password } });
  if (!response.ok()) throw new Error(`login failed: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { access: string }).access;
}

/** A plain HTML site on a free port (no framework): every path answers the same page. */
export async function serveSite(html: (origin: string) => string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html(origin));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
