import type { APIRequestContext, Page } from "@playwright/test";

import { signUpVerified } from "./outbox";

export const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;
export const PASSWORD = "Vp-e2e-Passw0rd!";

export function unique(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
}

export interface Owner {
  email: string;
  access: string;
}

/** A new, verified user through the real API (the sign-up form's call, then the e-mailed link). */
export async function registerOwner(request: APIRequestContext, name: string): Promise<Owner> {
  const email = `${unique("e2e-planner")}@example.com`;
  const { access } = await signUpVerified(request, { email, password: PASSWORD, name });
  return { email, access };
}

/** A project owned by `owner`. */
export async function createProject(request: APIRequestContext, owner: Owner, name: string): Promise<string> {
  const response = await request.post(`${API_URL}/projects/`, {
    headers: { Authorization: `Bearer ${owner.access}` },
    data: { name, description: "E2E AI planning" },
  });
  if (response.status() !== 201) throw new Error(`project failed: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Sign in through the login form, as a person would. */
export async function login(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "로그인" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}
