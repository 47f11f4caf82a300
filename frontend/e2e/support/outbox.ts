import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { APIRequestContext } from "@playwright/test";

/** The repository root (frontend/ is one level down). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const API_PORT = process.env.E2E_API_PORT ?? "8765";
const API_URL = `http://127.0.0.1:${API_PORT}/api/v1`;
/** Where scripts/e2e-backend.sh has Django's file e-mail backend write (one file per send batch). */
const OUTBOX = path.join(ROOT, "var", `e2e-outbox-${API_PORT}`);

function messagesTo(email: string): string[] {
  let names: string[];
  try {
    names = readdirSync(OUTBOX).sort();
  } catch {
    return [];
  }
  const header = `to: ${email.toLowerCase()}`;
  return names
    .flatMap((name) => readFileSync(path.join(OUTBOX, name), "utf8").split(/^-{79}$/m))
    .filter((message) => message.split("\n").some((line) => line.trim().toLowerCase() === header));
}

/**
 * The verification link the backend's Celery worker e-mailed to `email` (the newest one),
 * waiting for it to arrive.
 */
export async function verificationLinkFor(email: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const links = messagesTo(email).flatMap((message) => message.match(/https?:\/\/\S+\/verify-email\?token=[^\s"<]+/g) ?? []);
    const last = links.at(-1);
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no verification e-mail to ${email} in ${OUTBOX}`);
}

/**
 * Follow the e-mailed link through the API, as the /verify-email page does: the one who
 * opens it sets the account's password (`password`), whoever registered the address.
 */
export async function verifyEmail(request: APIRequestContext, email: string, password: string): Promise<void> {
  const token = new URL(await verificationLinkFor(email)).searchParams.get("token");
  const response = await request.post(`${API_URL}/auth/verify-email/`, { data: { token, password } });
  if (response.status() !== 200) throw new Error(`verify failed: ${response.status()} ${await response.text()}`);
}

/**
 * Sign up through the real API (the sign-up form's call), confirm the address from the
 * e-mail with the same password, and sign in: the tokens and id of a ready account.
 */
export async function signUpVerified(
  request: APIRequestContext,
  { email, password, name, locale = "ko" }: { email: string; password: string; name: string; locale?: string },
): Promise<{ id: string; access: string; refresh: string }> {
  const registered = await request.post(`${API_URL}/auth/register/`, {
    data: { email, password, display_name: name, locale },
  });
  if (registered.status() !== 202) throw new Error(`register failed: ${registered.status()} ${await registered.text()}`);
  await verifyEmail(request, email, password);
  const login = await request.post(`${API_URL}/auth/login/`, { data: { email, password } });
  if (login.status() !== 200) throw new Error(`login failed: ${login.status()} ${await login.text()}`);
  const body = (await login.json()) as { access: string; refresh: string; user: { id: string } };
  return { id: body.user.id, access: body.access, refresh: body.refresh };
}
