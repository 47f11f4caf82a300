import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";

/** The repository root (frontend/ is one level down). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;

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
      MEDIA_ROOT: `${ROOT}/var/e2e-media`,
      // Seeding sends no mail a spec reads; keep it out of the outbox the other specs poll.
      EMAIL_BACKEND: "django.core.mail.backends.locmem.EmailBackend",
      ...extra,
    },
    encoding: "utf8",
    timeout: 120_000,
  });
}

/** The monitored host the seed samples. */
export const DEMO_HOST = "e2e-a11y-host";

/** The ids and links of the demo data the pages are checked with. */
export interface DemoData {
  projectId: string;
  assetId: string;
  versionId: string;
  planId: string;
  invitationToken: string;
  shareToken: string;
  unsubscribeToken: string;
}

// The demo project as `make run` shows it (seed_demo: members, phases, a plan, a review with
// comments, a pending invitation), a guest share link, an e-mail unsubscribe link and two
// monitoring samples of a host; one Django start for all of it.
const SEED = `
import io, json, os
from django.core.management import call_command
call_command("seed_demo", stdout=io.StringIO())
for _ in range(2):  # the second sample has CPU %
    call_command("collect_metrics", host=os.environ["E2E_HOST"], stdout=io.StringIO())
from apps.ai_planning.models import Plan
from apps.core.notification_mail import unsubscribe_token
from apps.feedbacks.models import Version
from apps.feedbacks.services import share_link_create
from apps.projects.models import Invitation, Project
from apps.users.models import User
director = User.objects.get(email="director@videoplanet.local")
project = Project.objects.get(name="2027 브랜드 필름", owner=director)
version = Version.objects.filter(asset__project=project).order_by("-created_at").first()
link = share_link_create(version=version, actor=director, permission="comment")
print(json.dumps({
    "projectId": str(project.pk),
    "assetId": str(version.asset_id),
    "versionId": str(version.pk),
    "planId": str(Plan.objects.filter(brief__project=project).latest("created_at").pk),
    "invitationToken": Invitation.objects.filter(project=project).latest("created_at").token,
    "shareToken": link.token,
    "unsubscribeToken": unsubscribe_token(user=director, kinds=["comment"]),
}))
`;

/** Seed the demo (once per database) and return what the pages need. */
export function seedDemo(): DemoData {
  const out = manage(["shell", "-c", SEED], { E2E_HOST: DEMO_HOST }).trim().split("\n").at(-1)!;
  return JSON.parse(out) as DemoData;
}

export const DEMO_PASSWORD = "vp-demo-2026!";
export const ADMIN = { email: "admin@videoplanet.local", password: "vp-admin-2026!" };

/** Tokens for a demo account, through the real login endpoint. */
export async function demoTokens(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<{ access: string; refresh: string }> {
  const response = await request.post(`${API_URL}/auth/login/`, { data: { email, password } });
  if (response.status() !== 200) throw new Error(`login ${email}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as { access: string; refresh: string };
}

/** Ask for the round digest of a version (an AI job through the worker and the fake model). */
export async function requestDigest(request: APIRequestContext, user: { access: string }, versionId: string): Promise<void> {
  const response = await request.post(`${API_URL}/versions/${versionId}/digest/`, { headers: { Authorization: `Bearer ${user.access}` } });
  if (response.status() !== 202) throw new Error(`digest: ${response.status()} ${await response.text()}`);
}

/** Write a text report to e2e/screenshots/<name>.txt (gitignored, beside the pictures). */
export function saveReport(name: string, body: string): void {
  const dir = path.join(ROOT, "frontend", "e2e", "screenshots");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.txt`), body);
}

export interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.x A/AA and best practices) on what the page shows now and records
 * every finding with its impact (minor, moderate, serious, critical).
 */
export class AccessibilityAudit {
  readonly findings: Finding[] = [];
  readonly pages: string[] = [];

  async check(page: Page, name: string): Promise<void> {
    const started = Date.now();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
    this.pages.push(`${name} (axe ${Date.now() - started} ms)`);
    for (const violation of results.violations) {
      this.findings.push({
        page: name,
        rule: violation.id,
        impact: violation.impact ?? "unknown",
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(" ")),
      });
    }
  }

  /** One line per finding: page, impact, rule, what it asks, and up to five elements. */
  static summary(findings: Finding[]): string {
    return findings
      .map((f) => {
        const more = f.targets.length > 5 ? ` (+${f.targets.length - 5} more)` : "";
        return `[${f.page}] ${f.impact} ${f.rule}: ${f.help}\n    ${f.targets.slice(0, 5).join("\n    ")}${more}`;
      })
      .join("\n");
  }
}
