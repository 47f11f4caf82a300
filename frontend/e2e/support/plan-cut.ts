import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (frontend/ is one level down). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Same environment as scripts/e2e-backend.sh, so the command reaches the e2e database and Redis. */
function backendEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const webPort = process.env.E2E_WEB_PORT ?? "3100";
  return {
    ...process.env,
    DJANGO_SETTINGS_MODULE: "config.settings.dev",
    DJANGO_DEBUG: "0",
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL ?? `sqlite:///${ROOT}/var/e2e.sqlite3`,
    FRONTEND_URL: `http://127.0.0.1:${webPort}`,
    MEDIA_ROOT: `${ROOT}/var/e2e-media`,
    ...extra,
  };
}

/**
 * A finished plan in the project, as `seed_demo` makes it (no AI call): the brief
 * "무선 이어폰 런칭 브랜드 필름", nine shots over 90 s. Returns the plan's id.
 */
export function seedPlan(projectId: string, authorEmail: string): string {
  const script = [
    "import os",
    "from apps.ai_planning.demo import seed_demo_plan",
    "from apps.projects.models import Project",
    "from apps.users.models import User",
    "e = os.environ",
    "plan = seed_demo_plan(project=Project.objects.get(pk=e['E2E_PROJECT']), actor=User.objects.get(email=e['E2E_EMAIL']))",
    "print(plan.pk)",
  ].join("\n");
  // `shell -c` takes no arguments of its own: the values travel in the environment.
  const output = execFileSync(path.join(ROOT, ".venv", "bin", "python"), ["manage.py", "shell", "-c", script], {
    cwd: ROOT,
    env: backendEnv({ E2E_PROJECT: projectId, E2E_EMAIL: authorEmail }),
    encoding: "utf8",
    timeout: 90_000,
  });
  const id = output.trim().split("\n").pop() ?? "";
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`no plan id in: ${output}`);
  return id;
}
