import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { APIRequestContext } from "@playwright/test";

/** The repository root (frontend/ is one level down). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}`;

/** Same environment as scripts/e2e-backend.sh, so commands reach the e2e database and Redis. */
function manage(args: string[], extra: Record<string, string> = {}): string {
  return execFileSync(path.join(ROOT, ".venv", "bin", "python"), ["manage.py", ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DJANGO_SETTINGS_MODULE: "config.settings.dev",
      DJANGO_DEBUG: "0",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL ?? `sqlite:///${ROOT}/var/e2e.sqlite3`,
      FRONTEND_URL: `http://127.0.0.1:${process.env.E2E_WEB_PORT ?? "3100"}`,
      ...extra,
    },
    encoding: "utf8",
    timeout: 90_000,
  });
}

/** A staff account the way an operator makes one: `createsuperuser --noinput`. */
export function createStaffUser(email: string, password: string, name = "E2E"): void {
  manage(["createsuperuser", "--noinput", "--email", email, "--display_name", name], {
    DJANGO_SUPERUSER_PASSWORD: password,
  });
}

export interface TrackerEventIn {
  type: string;
  ts: number;
  sid: string;
  path: string;
  [key: string]: unknown;
}

/** What the tracker sends, posted to the ingestion endpoint as a beacon would; the 202 body. */
export async function postEvents(
  request: APIRequestContext,
  batch: { site: string; vid: string; origin: string; userAgent?: string; events: TrackerEventIn[] },
): Promise<{ accepted: number; rejected: unknown[] }> {
  const response = await request.post(`${API_URL}/api/v1/monitoring/events`, {
    headers: {
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: batch.origin,
      ...(batch.userAgent ? { "User-Agent": batch.userAgent } : {}),
    },
    data: JSON.stringify({ site: batch.site, vid: batch.vid, events: batch.events }),
  });
  if (response.status() !== 202) throw new Error(`ingestion answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as { accepted: number; rejected: unknown[] };
}

/** The status the ingestion endpoint answers a one-page-view batch with (for refusals). */
export async function ingestStatus(request: APIRequestContext, site: string, origin: string): Promise<number> {
  const response = await request.post(`${API_URL}/api/v1/monitoring/events`, {
    headers: { "Content-Type": "text/plain;charset=UTF-8", Origin: origin },
    data: JSON.stringify({ site, vid: "v_e2e_probe", events: [{ type: "page_view", ts: Date.now(), sid: "s_e2e_probe", path: "/" }] }),
  });
  return response.status();
}

/** One `analytics.tick` now (what beat does every few seconds; the e2e backend runs no beat). */
export function sendAnalyticsTick(): string {
  return manage(["shell", "-c", "from apps.monitoring.analytics.tasks import analytics_tick\nanalytics_tick()"]);
}
