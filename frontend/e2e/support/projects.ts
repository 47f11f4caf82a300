import type { APIRequestContext, BrowserContext } from "@playwright/test";

import { signUpVerified } from "./outbox";

const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;
/** Must match TOKENS_STORAGE_KEY in src/shared/api/token-storage.ts. */
const TOKENS_KEY = "vp.auth.tokens";

export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
  access: string;
  refresh: string;
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Register through the real API (the same call the sign-up form makes), verify the
 * address from the e-mailed link and sign in. */
export async function registerUser(request: APIRequestContext, prefix: string, name: string): Promise<TestUser> {
  const email = uniqueEmail(prefix);
  const password = "Vp-e2e-Passw0rd!";
  const { id, access, refresh } = await signUpVerified(request, { email, password, name });
  return { id, email, password, name, access, refresh };
}

/** Start the browser context signed in as `user` (tokens where the app keeps them). */
export async function signInContext(context: BrowserContext, user: TestUser): Promise<void> {
  await context.addInitScript(
    ([key, value]) => {
      if (!window.localStorage.getItem(key)) window.localStorage.setItem(key, value);
    },
    [TOKENS_KEY, JSON.stringify({ access: user.access, refresh: user.refresh })] as const,
  );
}

/** The invitation link the backend put in the invitee's in-app notification. */
export async function invitationLinkFor(request: APIRequestContext, user: TestUser): Promise<string> {
  const response = await request.get(`${API_URL}/notifications/`, {
    headers: { Authorization: `Bearer ${user.access}` },
  });
  const body = (await response.json()) as { results: { verb: string; url: string | null }[] };
  const invitation = body.results.find((item) => item.verb === "invitation.received");
  if (!invitation?.url) throw new Error("no invitation notification");
  return invitation.url;
}
