import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { Page } from "@playwright/test";

import { registerUser, signInContext } from "./support/projects";
import { screenshot } from "./support/screenshots";
import { cspDirectives, expect, test } from "./support/security";

const API_ORIGIN = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}`;
const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "app");
const SAMPLE_ID = "00000000-0000-4000-8000-000000000000";

/** Every route of the App Router (frontend/app/**\/page.tsx), dynamic segments filled in. */
function appRoutes(dir = APP_DIR, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return entry.name === "page.tsx" ? [prefix || "/"] : [];
    const segment = entry.name.startsWith("(") ? "" : `/${entry.name.startsWith("[") ? SAMPLE_ID : entry.name}`;
    return appRoutes(path.join(dir, entry.name), prefix + segment);
  });
}

const ROUTES = [...appRoutes(), "/no-such-page"];

/** Load a page; return its CSP nonce after checking every script of the served HTML carries it. */
async function visit(page: Page, route: string): Promise<string> {
  const response = await page.goto(route);
  expect(response, route).not.toBeNull();
  const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce, `${route}: CSP nonce`).toBeTruthy();
  const scripts = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, `${route}: scripts in the HTML`).toBeGreaterThan(0);
  expect(scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`)), `${route}: scripts without this response's nonce`).toEqual([]);
  await page.waitForLoadState("networkidle");
  return nonce!;
}

test("every route is served with the CSP and the security headers, a fresh nonce on each of its scripts, and runs without a violation", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  expect(ROUTES).toEqual(expect.arrayContaining(["/login", "/share/" + SAMPLE_ID, "/projects/" + SAMPLE_ID + "/review/" + SAMPLE_ID]));
  const nonces: string[] = [];
  for (const route of ROUTES) nonces.push(await visit(page, route)); // anonymous: app routes send to /login

  await signInContext(context, await registerUser(request, "csp", "보안 점검"));
  for (const route of ROUTES) nonces.push(await visit(page, route));

  expect(new Set(nonces).size, "a fresh nonce per response").toBe(nonces.length);
  await screenshot(page, "security-not-found-signed-in");
  // The security fixture checks every document's headers and fails on any violation.
});

test("the tracker the app embeds runs under the CSP and reaches the API", async ({ page }) => {
  await page.goto("/login");
  const tracker = page.locator(`script[src="${API_ORIGIN}/static/vp-tracker.js"]`);
  await expect(tracker).toHaveAttribute("data-site", /^vps_/);
  await expect.poll(() => page.evaluate(() => typeof (window as { vp?: unknown }).vp)).toBe("object");

  const sent = page.waitForResponse((r) => r.url() === `${API_ORIGIN}/api/v1/monitoring/events` && r.request().method() === "POST");
  await page.evaluate(() => (window as unknown as { vp: { flush(): void } }).vp.flush());
  expect((await sent).status()).toBe(202);
});

test("injected markup cannot run script, and eval is refused", async ({ page, security }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "로그인" })).toBeVisible();

  const outcome = await page.evaluate(async () => {
    const w = window as { pwned?: boolean };
    // What an XSS through innerHTML would try: an inline handler.
    document.body.insertAdjacentHTML("beforeend", '<img alt="" src="data:," onerror="window.pwned = true">');
    await new Promise((resolve) => setTimeout(resolve, 300));
    let evalResult: string;
    try {
      evalResult = String((0, eval)("'eval ran'"));
    } catch (error) {
      evalResult = (error as Error).name;
    }
    return { pwned: w.pwned ?? false, evalResult };
  });

  expect(outcome).toEqual({ pwned: false, evalResult: "EvalError" });
  const blocked = security.take().map((v) => v.what);
  expect(blocked.some((what) => /script-src-attr|inline event handler/.test(what)), blocked.join("\n")).toBe(true);
  expect(blocked.some((what) => /eval/.test(what)), blocked.join("\n")).toBe(true);
});

test("the policy names the API and its WebSocket as the only other places the page may reach", async ({ page }) => {
  const response = await page.goto("/login");
  const csp = cspDirectives(response!.headers()["content-security-policy"]!);
  expect(csp["connect-src"]).toEqual(["'self'", API_ORIGIN, API_ORIGIN.replace("http:", "ws:")]);
  expect(csp["media-src"]).toEqual(["'self'", API_ORIGIN]);
  expect(csp["img-src"]).toEqual(expect.arrayContaining(["'self'", API_ORIGIN]));
  expect(csp["script-src"]).toEqual(["'self'", expect.stringMatching(/^'nonce-/), "'strict-dynamic'"]);
  expect(csp["upgrade-insecure-requests"]).toBeUndefined(); // plain HTTP here
  expect(response!.headers()["strict-transport-security"]).toBeUndefined();
});
