import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { backendEnv } from "./backend";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface BusyRound {
  /** Comments and replies written. */
  written: number;
  /** A comment near the end of the round (on its last page): id and body. */
  late: { id: string; body: string };
}

/**
 * A long round on a version, straight into the e2e database (apps/feedbacks/busy_round.py through
 * `manage.py shell`): `count` comments over its frames with replies, drawings, ranges, reactions,
 * resolved and team-only notes, by the given members in turn.
 */
export function seedBusyRound(versionId: string, authorEmails: readonly string[], count: number): BusyRound {
  const code = `
import json
from apps.feedbacks.busy_round import seed_busy_round
from apps.feedbacks.models import Feedback, Version
from apps.users.models import User
version = Version.objects.get(pk=${JSON.stringify(versionId)})
emails = ${JSON.stringify(authorEmails)}
authors = sorted(User.objects.filter(email__in=emails), key=lambda user: emails.index(user.email))
written = seed_busy_round(version=version, authors=authors, count=${count})
late = Feedback.objects.filter(version=version, parent=None, internal=False).order_by("-seconds", "-created_at", "-id")[5]
print(json.dumps({"written": written, "late": {"id": str(late.id), "body": late.body}}))
`;
  const out = execFileSync(path.join(ROOT, ".venv", "bin", "python"), ["manage.py", "shell", "-c", code], {
    cwd: ROOT,
    env: backendEnv(),
    encoding: "utf8",
    timeout: 120_000,
  });
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as BusyRound;
}
