import type { Page, Request, Route } from "@playwright/test";

import { registerUser, signInContext } from "./support/projects";
import { addMember, createAsset, createProject, makeTestClip, uploadVersionAndWait } from "./support/review";
import { expect, test } from "./support/security";

const API = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;
const WEB_ORIGIN = `http://127.0.0.1:${process.env.E2E_WEB_PORT ?? "3100"}`;

/** The path after /api/v1 of an API GET the page made, or null for anything else. */
function apiGet(request: Request): string | null {
  if (request.method() !== "GET" || !request.url().startsWith(API)) return null;
  return new URL(request.url()).pathname.replace(/^\/api\/v1/, "");
}

/** Answer the first `times` GETs of `path` with 429 + Retry-After (what the per-IP limit sends), then let them through. */
async function throttle(page: Page, path: string, times: number, retryAfter: string): Promise<{ throttled: number[] }> {
  const throttled: number[] = [];
  await page.route(`${API}${path}`, async (route: Route) => {
    const request = route.request();
    if (request.method() !== "GET" || throttled.length >= times) return route.fallback();
    throttled.push(Date.now());
    return route.fulfill({
      status: 429,
      headers: {
        "Retry-After": retryAfter,
        "Access-Control-Allow-Origin": request.headers()["origin"] ?? WEB_ORIGIN,
        "Access-Control-Expose-Headers": "Retry-After, X-Request-ID",
        Vary: "Origin",
      },
      json: { error: { code: "throttled", message: "Request was throttled.", details: { retry_after: Number(retryAfter) }, request_id: "e2e" } },
    });
  });
  return { throttled };
}

test("a page that hits the rate limit waits for Retry-After and recovers by itself, with no click", async ({ page, request, context }) => {
  const user = await registerUser(request, "e2e-throttle", "속도 제한");
  await signInContext(context, user);
  // The profile the shell waits for is throttled three times in a row, Retry-After: 2 each.
  const { throttled } = await throttle(page, "/users/me/", 3, "2");
  const started = Date.now();
  await page.goto("/");

  // The shell comes up on its own once the limit has passed: no error page, no "다시 시도".
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("속도 제한님, 안녕하세요", { timeout: 20_000 });
  const recoveredAfter = Date.now() - started;
  expect(throttled).toHaveLength(3);
  // Each retry waited for the Retry-After (2 s, + up to 1 s jitter) before going again.
  for (let i = 1; i < throttled.length; i += 1) expect(throttled[i]! - throttled[i - 1]!).toBeGreaterThanOrEqual(1_900);
  await expect(page.getByText("요청이 너무 많습니다")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "다시 시도" })).toHaveCount(0);
  console.log(`[throttle] 3 × 429 (Retry-After: 2) on users/me/; the shell recovered ${recoveredAfter} ms after opening, no click`);
});

test("opening the review room reads each thing once (notifications, the version, its comments); a mention links straight to the room", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const owner = await registerUser(request, "e2e-calls-owner", "소유자 지훈");
  const reviewer = await registerUser(request, "e2e-calls-reviewer", "리뷰어 하나");
  const projectName = `호출 수 ${Date.now() % 10000}`;
  const project = await createProject(request, owner, projectName);
  await addMember(request, owner, project.id, reviewer, "reviewer");
  const asset = await createAsset(request, owner, project.id, "호출 수 편집본");
  const version = await uploadVersionAndWait(request, owner, asset.id, makeTestClip("calls-v1.mp4"));
  // The reviewer mentions the owner: the owner gets a notification with a link.
  const mention = await request.post(`${API}/versions/${version.id}/feedback/`, {
    headers: { Authorization: `Bearer ${reviewer.access}` },
    data: { body: "여기 확인 부탁드려요", frame: 10, mention_ids: [owner.id] },
  });
  expect(mention.status()).toBe(201);
  const feedbackId = ((await mention.json()) as { id: string }).id;
  // Let the streams go quiet: a page opened now has missed nothing when its sockets connect.
  await new Promise((resolve) => setTimeout(resolve, 3_000));

  const context = await browser.newContext();
  await signInContext(context, owner);
  const page = await context.newPage();
  const gets: string[] = [];
  page.on("request", (r) => {
    const path = apiGet(r);
    if (path) gets.push(path);
  });

  await page.goto(`/assets/${asset.id}?version=${version.id}`);
  await expect(page.getByTestId("review-video")).toHaveJSProperty("readyState", 4, { timeout: 30_000 });
  await expect(page.getByTestId("realtime-status")).toHaveAttribute("data-status", "open");
  await expect(page.getByText("여기 확인 부탁드려요")).toBeVisible();
  // Past every socket's first hello (and a first-contact refetch, were there one).
  await page.waitForTimeout(2_000);
  const count = (path: string) => gets.filter((p) => p === path).length;
  console.log(`[calls] review room: ${gets.length} API GETs\n  ${gets.join("\n  ")}`);
  expect(count("/notifications/")).toBe(1);
  expect(count("/notifications/unread-count/")).toBe(1);
  expect(count(`/projects/${project.id}/`)).toBeLessThanOrEqual(1);
  // The version's stream was quiet since the page read it: its first contact reads nothing again.
  expect(count(`/versions/${version.id}/`)).toBe(1);
  expect(count(`/versions/${version.id}/feedback/`)).toBe(1);
  expect(count(`/assets/${asset.id}/versions/`)).toBe(1);

  // The mention's link goes straight to the asset's room at that version and comment.
  await page.getByTestId("notification-bell").click();
  const link = page.getByTestId("notification-item").first().getByRole("link");
  const href = `/assets/${asset.id}?version=${version.id}&feedback=${feedbackId}`;
  await expect(link).toHaveAttribute("href", href);

  // From the notification (or its e-mail), the room opens without a redirect page.
  const fresh = await context.newPage();
  const visited: string[] = [];
  fresh.on("framenavigated", (frame) => {
    if (frame === fresh.mainFrame()) visited.push(new URL(frame.url()).pathname);
  });
  const opened = Date.now();
  await fresh.goto(href);
  await expect(fresh.getByText("여기 확인 부탁드려요")).toBeVisible();
  console.log(`[link] notification link → comment visible in ${Date.now() - opened} ms; pages: ${visited.join(" → ")}`);
  expect(visited.every((p) => !p.includes("/review/"))).toBe(true);

  // The project page: when its socket first connects nothing was missed, so no query is read again.
  const projectPage = await context.newPage();
  const projectGets: string[] = [];
  projectPage.on("request", (r) => {
    const path = apiGet(r);
    if (path) projectGets.push(path);
  });
  await projectPage.goto(`/projects/${project.id}`);
  await expect(projectPage.getByRole("heading", { level: 1, name: projectName })).toBeVisible();
  await expect(projectPage.getByTestId("realtime-status")).toHaveAttribute("data-status", "open");
  await projectPage.waitForTimeout(2_000);
  console.log(`[calls] project page: ${projectGets.length} API GETs\n  ${projectGets.join("\n  ")}`);
  const twice = projectGets.filter((path, i) => projectGets.indexOf(path) !== i);
  expect(twice, "no API GET is repeated on the project page").toEqual([]);
  await context.close();
});
