import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from "@playwright/test";

import { AccessibilityAudit, ADMIN, DEMO_HOST, demoTokens, requestDigest, saveReport, seedDemo, type DemoData } from "./support/accessibility";
import { collectSample } from "./support/monitoring";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

/*
 * axe-core on every page of the app, as the person who uses it and with data in it (the demo
 * project `make run` seeds: members, phases, a plan, a review with comments and drawings):
 * not even a moderate finding on any page (minor ones are listed beside the screenshots). Korean
 * throughout, English where a page's words or layout change with the language (dashboard,
 * project, review room, guest page).
 */

const TOKENS_KEY = "vp.auth.tokens"; // src/shared/api/token-storage.ts
const WEB_URL = `http://127.0.0.1:${process.env.E2E_WEB_PORT ?? "3100"}`;
const MONITORING_TABS = [
  "overview",
  "hosts",
  "history",
  "alerts",
  "silences",
  "rules",
  "channels",
  "templates",
  "stats",
  "forecasts",
  "anomalies",
  "tasks",
  "reports",
] as const;

let demo: DemoData;
let audit: AccessibilityAudit;

test.beforeAll(async ({ playwright }) => {
  demo = seedDemo();
  // An AI job for the jobs page and a digest for the review room (the fake model answers).
  const request = await playwright.request.newContext();
  await requestDigest(request, await demoTokens(request, "director@videoplanet.local"), demo.versionId);
  await request.dispose();
});

test.beforeEach(() => {
  audit = new AccessibilityAudit();
});

test.afterEach(async ({}, testInfo) => {
  // Every finding, moderate and minor too, beside the screenshots (e2e/screenshots/).
  const body = `pages checked: ${audit.pages.join(", ")}\ntook ${testInfo.duration} ms\n\n${AccessibilityAudit.summary(audit.findings) || "(no findings)"}\n`;
  await testInfo.attach("axe-findings", { body, contentType: "text/plain" });
  saveReport(`accessibility-${testInfo.titlePath.at(-1)!.split(":")[0]!.replace(/\W+/g, "-")}`, body);
});

/** A context signed in as `email` (tokens where the app keeps them), in `locale`. */
async function signedIn(
  browser: Browser,
  request: APIRequestContext,
  email: string,
  password: string | undefined,
  locale: string,
): Promise<BrowserContext> {
  const tokens = await demoTokens(request, email, password);
  const context = await browser.newContext({ locale });
  await context.addInitScript(
    ([key, value]) => {
      if (!window.localStorage.getItem(key)) window.localStorage.setItem(key, value);
    },
    [TOKENS_KEY, JSON.stringify(tokens)] as const,
  );
  return context;
}

/** Open `path`, wait until its data is on screen (`ready`) and nothing is still loading, and check it. */
async function visit(page: Page, name: string, path: string, ready?: (page: Page) => Locator): Promise<void> {
  await page.goto(path);
  await expect(ready ? ready(page).first() : page.getByRole("heading", { level: 1 }).first()).toBeVisible({ timeout: 20_000 });
  await settle(page);
  await audit.check(page, name);
}

/** No skeletons left and transitions over, so colours are checked at rest. */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('[class*="skeleton"]')).toHaveCount(0, { timeout: 15_000 });
  await page.waitForTimeout(150);
}

/** Not even a moderate finding on the pages checked (a main landmark, a level-one heading, all content in landmarks, allowed roles). */
function expectNothingModerate(): void {
  const found = audit.findings.filter((finding) => finding.impact !== "minor");
  expect(found, `moderate or worse accessibility findings:\n${AccessibilityAudit.summary(found)}`).toEqual([]);
}

test("public pages: sign-in, sign-up, reset, links from e-mails, the guest review page, not found", async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ locale: "ko-KR" });
  const page = await context.newPage();
  await visit(page, "login", "/login", (p) => p.getByRole("button", { name: "로그인" }));
  await screenshot(page, "a11y-01-login");
  await visit(page, "register", "/register", (p) => p.getByLabel("비밀번호 확인"));
  await visit(page, "reset-password", "/reset-password", (p) => p.getByLabel("이메일"));
  await visit(page, "reset-password-confirm (no token)", "/reset-password/confirm", (p) => p.getByRole("main").getByRole("alert"));
  await visit(page, "verify-email", "/verify-email?token=not-a-real-token", (p) => p.getByLabel("비밀번호 확인"));
  await visit(page, "invitation", `/invitations/${demo.invitationToken}`, (p) => p.getByText("2027 브랜드 필름"));
  await visit(page, "unsubscribe", `/unsubscribe/${demo.unsubscribeToken}`);
  await visit(page, "share (guest)", `/share/${demo.shareToken}`, (p) => p.getByTestId("guest-feedback-item"));
  await visit(page, "share (bad token)", "/share/not-a-real-token", (p) => p.getByRole("alert"));
  await visit(page, "not-found", "/no-such-page");

  await page.goto("/login");
  await page.getByRole("button", { name: "다크 모드로 전환" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await visit(page, "login (dark)", "/login", (p) => p.getByRole("button", { name: "로그인" }));
  await visit(page, "share (guest, dark)", `/share/${demo.shareToken}`, (p) => p.getByTestId("guest-feedback-item"));
  await context.close();

  // English chosen (the app's pages) and an English browser (the guest page follows it).
  const english = await browser.newContext({ locale: "en-US" });
  await english.addCookies([{ name: "vp_locale", value: "en", url: WEB_URL }]);
  const guest = await english.newPage();
  await visit(guest, "login (en)", "/login", (p) => p.getByRole("button", { name: "Log in" }));
  await visit(guest, "share (guest, en)", `/share/${demo.shareToken}`, (p) => p.getByTestId("guest-feedback-item"));
  await english.close();
  expectNothingModerate();
});

test("a project owner's pages: dashboard, projects, the project's tabs, plan, review room, notifications, profile", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const context = await signedIn(browser, request, "director@videoplanet.local", undefined, "ko-KR");
  const page = await context.newPage();
  const project = `/projects/${demo.projectId}`;
  await visit(page, "dashboard", "/", (p) => p.getByText("2027 브랜드 필름"));
  await visit(page, "projects", "/projects", (p) => p.getByText("2027 브랜드 필름"));
  // A form dialog with its errors showing.
  await page.getByTestId("create-project").first().click();
  const create = page.getByRole("dialog", { name: "새 프로젝트" });
  await create.getByRole("button", { name: "프로젝트 만들기" }).click();
  await expect(create.getByLabel("프로젝트 이름")).toHaveAttribute("aria-invalid", "true");
  await audit.check(page, "new project dialog (errors)");
  await page.keyboard.press("Escape");
  await visit(page, "project overview", project, (p) => p.getByText("프리프로덕션"));
  await visit(page, "project assets", `${project}/assets`, (p) => p.getByText("본편 러프컷"));
  await screenshot(page, "a11y-03-assets");
  await visit(page, "project members", `${project}/members`, (p) => p.getByText("박매니저"));
  await visit(page, "project planning", `${project}/planning`, (p) => p.getByTestId("brief-card"));
  await visit(page, "project ai-jobs", `${project}/ai-jobs`);
  await visit(page, "plan", `/plans/${demo.planId}`, (p) => p.getByTestId("shot-row"));
  await visit(page, "review room", `/assets/${demo.assetId}`, (p) => p.getByTestId("feedback-item"));
  await screenshot(page, "a11y-02-review-room");
  await visit(page, "notifications", "/notifications", (p) => p.getByTestId("notification-item"));
  await visit(page, "profile", "/profile", (p) => p.getByLabel("이메일"));
  await visit(page, "notification settings", "/profile/notifications");
  await visit(page, "project (not found)", "/projects/00000000-0000-4000-8000-000000000000", (p) => p.getByRole("main"));

  // Open layers are checked too: the notification dropdown and the user menu.
  await visit(page, "dashboard + notifications open", "/", (p) => p.getByText("2027 브랜드 필름"));
  await page.getByTestId("notification-bell").click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await settle(page);
  await audit.check(page, "notification dropdown");
  await page.keyboard.press("Escape");
  await page.getByTestId("user-menu").click();
  await expect(page.getByRole("menu")).toBeVisible();
  await audit.check(page, "user menu");
  await page.keyboard.press("Escape");

  // The render-error boundary: a list answer the page cannot draw.
  await page.route("**/api/v1/notifications/?*", (route) => route.fulfill({ json: { count: 1, results: null } }));
  await page.goto("/notifications");
  await expect(page.getByText("화면을 표시하지 못했습니다")).toBeVisible();
  await audit.check(page, "error boundary");
  await context.close();
  expectNothingModerate();
});

test("an English-speaking reviewer: dashboard, project, review room", async ({ browser, request }) => {
  test.setTimeout(60_000);
  const context = await signedIn(browser, request, "client@videoplanet.local", undefined, "en-US");
  const page = await context.newPage();
  await visit(page, "dashboard (en)", "/", (p) => p.getByText("2027 브랜드 필름"));
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await visit(page, "project overview (en)", `/projects/${demo.projectId}`, (p) => p.getByText("프리프로덕션"));
  await visit(page, "review room (en)", `/assets/${demo.assetId}`, (p) => p.getByTestId("feedback-item"));
  await visit(page, "notifications (en)", "/notifications", (p) => p.getByTestId("notification-item"));
  await context.close();
  expectNothingModerate();
});

test("staff consoles: every monitoring tab and web analytics", async ({ browser, request }) => {
  test.setTimeout(90_000);
  collectSample(DEMO_HOST); // a fresh sample: the host is up, with values, when the console opens
  const context = await signedIn(browser, request, ADMIN.email, ADMIN.password, "ko-KR");
  const page = await context.newPage();
  // Tab to tab as staff do (no reload: a page load per tab would run into the API's rate limits).
  await visit(page, "monitoring overview", "/monitoring", (p) => p.getByTestId("monitoring-overview"));
  for (const tab of MONITORING_TABS.slice(1)) {
    await page.locator(`#monitoring-tab-${tab}`).click();
    await expect(page.locator(`#monitoring-tab-${tab}`)).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tabpanel")).toBeVisible();
    await settle(page);
    await audit.check(page, `monitoring ${tab}`);
    if (tab === "hosts") await screenshot(page, "a11y-04-monitoring-hosts");
  }
  await visit(page, "analytics", "/analytics");
  await context.close();
  expectNothingModerate();
});
