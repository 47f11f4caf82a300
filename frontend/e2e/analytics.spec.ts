import type { Page } from "@playwright/test";

import { API_URL, createStaffUser, ingestStatus, postEvents, sendAnalyticsTick } from "./support/analytics";
import { signUpVerified } from "./support/outbox";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

const PASSWORD = "Vp-e2e-Passw0rd!";
const ORIGIN = "https://shop.e2e.example";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

function unique(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
}

async function login(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page).toHaveURL(/\/$/);
}

test("staff create a site, see ingested visits in the report and the active sessions live", async ({ page, context, request }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const email = `${unique("e2e-analyst")}@example.com`;
  const siteName = unique("E2E 쇼핑몰");
  createStaffUser(email, PASSWORD, "분석 담당");

  await login(page, email);
  await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "분석" }).click();
  await expect(page).toHaveURL(/\/analytics/);
  await expect(page.getByRole("heading", { level: 1, name: "웹 분석" })).toBeVisible();
  await expect(page).toHaveTitle("웹 분석 · VideoPlanet");

  // --- create a site (first-run form, or "add site" when others exist) ---------------------
  const onboarding = page.getByTestId("analytics-onboarding");
  const addSite = page.getByRole("button", { name: "사이트 추가" });
  await expect(onboarding.or(addSite)).toBeVisible();
  if (await addSite.isVisible()) await addSite.click();
  const form = page.getByRole("form", { name: "사이트 추가" });
  await screenshot(page, "analytics-01-create-site");
  await form.getByLabel("사이트 이름").fill(siteName);
  await form.getByLabel("허용 출처").fill(`${ORIGIN}/shop`);
  await form.getByRole("button", { name: "사이트 만들기" }).click();
  await expect(form.getByText(/출처 형식이 아닙니다/)).toBeVisible();
  await form.getByLabel("허용 출처").fill(`${ORIGIN}\nhttp://localhost:3000`);
  await form.getByLabel("원본 보관 기간(일)").fill("30");
  await form.getByRole("button", { name: "사이트 만들기" }).click();

  await expect(page.getByText(`${siteName} 사이트를 만들었습니다.`)).toBeVisible();
  await expect(page.getByLabel("사이트")).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByLabel("사이트").locator("option:checked")).toHaveText(siteName);
  const snippet = await page.getByTestId("embed-snippet").textContent();
  const key = /data-site="([^"]+)"/.exec(snippet ?? "")?.[1];
  expect(snippet).toContain(`<script async src="${API_URL}/static/vp-tracker.js" data-site="${key}"></script>`);
  expect(key).toBeTruthy();

  await page.getByRole("button", { name: "복사", exact: true }).click();
  await expect(page.getByRole("button", { name: "복사됨" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);

  const live = page.getByTestId("analytics-live");
  await expect(live.getByTestId("live-connection")).toHaveAttribute("data-status", "open");
  await expect(live.getByTestId("active-sessions")).toHaveText("0");
  await expect(page.getByText("이 기간에는 데이터가 없습니다")).toBeVisible();
  await screenshot(page, "analytics-02-new-site-empty");

  // --- visits arrive through the ingestion endpoint -----------------------------------------
  const now = Date.now();
  const desktop = await postEvents(request, {
    site: key!,
    vid: "v_e2e_desktop_1",
    origin: ORIGIN,
    events: [
      { type: "page_view", ts: now - 40_000, sid: "s_e2e_one", path: "/", ref: "https://www.google.com/search?q=vp" },
      { type: "vital", ts: now - 39_000, sid: "s_e2e_one", path: "/", name: "LCP", value: 1800 },
      { type: "vital", ts: now - 39_000, sid: "s_e2e_one", path: "/", name: "INP", value: 140 },
      { type: "page_view", ts: now - 30_000, sid: "s_e2e_one", path: "/pricing" },
      { type: "vital", ts: now - 29_000, sid: "s_e2e_one", path: "/pricing", name: "LCP", value: 4600 },
      { type: "vital", ts: now - 29_000, sid: "s_e2e_one", path: "/pricing", name: "CLS", value: 0.18 },
      { type: "click", ts: now - 25_000, sid: "s_e2e_one", path: "/pricing", label: "buy" },
      { type: "conversion", ts: now - 20_000, sid: "s_e2e_one", path: "/pricing", name: "signup", value: 12.5 },
    ],
  });
  expect(desktop).toEqual({ accepted: 8, rejected: [] });
  await postEvents(request, {
    site: key!,
    vid: "v_e2e_mobile_2",
    origin: ORIGIN,
    userAgent: IPHONE,
    events: [{ type: "page_view", ts: now - 10_000, sid: "s_e2e_two", path: "/" }],
  });
  // A third visitor whose last page view is older than the 60 s window: not active (yet).
  await postEvents(request, {
    site: key!,
    vid: "v_e2e_idle_3",
    origin: ORIGIN,
    events: [{ type: "page_view", ts: now - 90_000, sid: "s_e2e_three", path: "/docs" }],
  });

  // The beat's tick reaches the page over /ws/monitoring/.
  sendAnalyticsTick();
  await expect(live.getByTestId("active-sessions")).toHaveText("2");
  await expect(live.getByTestId("live-conversions")).toContainText("signup");
  await expect(live.getByTestId("active-session-list")).toContainText("/pricing");

  // --- the report ---------------------------------------------------------------------------
  await page.getByRole("button", { name: "새로 고침" }).click();
  await expect(page.getByTestId("kpi-visitors")).toHaveText(/방문자\s*3/);
  await expect(page.getByTestId("kpi-sessions")).toHaveText(/세션\s*3/);
  await expect(page.getByTestId("kpi-pageViews")).toHaveText(/페이지뷰\s*4/);
  await expect(page.getByTestId("kpi-conversions")).toHaveText(/전환\s*1/);
  const topPages = page.getByTestId("top-pages");
  await expect(topPages.getByRole("row").nth(1)).toContainText("/");
  await expect(topPages.getByRole("row").nth(1)).toContainText("2");
  await expect(topPages).toContainText("/pricing");
  await expect(topPages).toContainText("/docs");
  await expect(page.getByTestId("referrers")).toContainText("www.google.com");
  await expect(page.getByTestId("devices")).toContainText("모바일");
  await expect(page.getByTestId("conversion-funnel").getByRole("row", { name: /\/pricing/ })).toContainText("100%");
  const vitals = page.getByTestId("vitals-table");
  await expect(vitals.getByRole("row", { name: /\/pricing/ }).locator('[data-rating="poor"]')).toContainText("4.6");
  await expect(vitals.getByRole("row", { name: /\/pricing/ }).locator('[data-rating="needs-improvement"]')).toContainText("0.18");
  await expect(vitals.getByRole("row", { name: /^\/ / }).locator('[data-rating="good"]').first()).toContainText("1.8");
  await screenshot(page, "analytics-03-report");

  // --- a heartbeat brings the idle visitor back into the live count -------------------------
  await postEvents(request, {
    site: key!,
    vid: "v_e2e_idle_3",
    origin: ORIGIN,
    events: [{ type: "heartbeat", ts: Date.now(), sid: "s_e2e_three", path: "/docs" }],
  });
  sendAnalyticsTick();
  await expect(live.getByTestId("active-sessions")).toHaveText("3");
  await expect(live.getByTestId("active-session-list")).toContainText("/docs");
  await live.scrollIntoViewIfNeeded();
  await screenshot(page, "analytics-04-live-after-heartbeat");

  // --- range picker -------------------------------------------------------------------------
  const range = page.getByRole("group", { name: "기간" });
  await range.getByRole("button", { name: "오늘" }).click();
  await expect(page.getByRole("group", { name: "단위" }).getByRole("button", { name: "시간" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("kpi-pageViews")).toHaveText(/페이지뷰\s*4/);
  await range.getByRole("button", { name: "직접 지정" }).click();
  await expect(page.getByLabel("시작일")).toBeVisible();
  await screenshot(page, "analytics-05-custom-range");

  // --- edit the site: an origin added in the settings is admitted at once -------------------
  const mobile = "https://m.shop.e2e.example";
  expect(await ingestStatus(request, key!, mobile)).toBe(403);
  const settings = page.getByTestId("site-settings");
  await settings.getByRole("button", { name: "수정", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "사이트 설정 수정" });
  await expect(edit.getByLabel("허용 출처")).toHaveValue(`${ORIGIN}\nhttp://localhost:3000`);
  await edit.getByLabel("허용 출처").fill(`${ORIGIN}\nhttp://localhost:3000\n${mobile}`);
  await screenshot(page, "analytics-05a-edit-site");
  await edit.getByRole("button", { name: "변경 사항 저장" }).click();
  await expect(page.getByText(`${siteName}의 설정을 저장했습니다.`)).toBeVisible();
  await expect(edit).toBeHidden();
  await expect(settings.getByText(mobile)).toBeVisible();
  expect(await ingestStatus(request, key!, mobile)).toBe(202);

  // --- rotate the key: the old one is refused from then on ---------------------------------
  expect(await ingestStatus(request, key!, "https://evil.e2e.example")).toBe(403);
  await settings.getByRole("button", { name: "키 재발급" }).click();
  await page.getByRole("alertdialog", { name: "공개 키를 다시 발급할까요?" }).getByRole("button", { name: "다시 발급" }).click();
  await expect(page.getByTestId("embed-snippet")).not.toContainText(key!);
  const rotated = /data-site="([^"]+)"/.exec((await page.getByTestId("embed-snippet").textContent()) ?? "")?.[1];
  expect(await ingestStatus(request, key!, ORIGIN)).toBe(400);
  expect(await ingestStatus(request, rotated!, ORIGIN)).toBe(202);

  await page.getByRole("button", { name: "다크 모드로 전환" }).click();
  await page.getByTestId("analytics-live").scrollIntoViewIfNeeded();
  await screenshot(page, "analytics-05b-dark");

  // English, tablet width.
  await page.getByRole("group", { name: "언어" }).getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Web analytics" })).toBeVisible();
  await page.setViewportSize({ width: 820, height: 1100 });
  await screenshot(page, "analytics-06-tablet-en");

  // --- delete the site (and everything it collected) -----------------------------------------
  await page.setViewportSize({ width: 1280, height: 800 });
  await settings.getByRole("button", { name: "Delete site" }).click();
  const confirmDelete = page.getByRole("alertdialog", { name: `Delete ${siteName}?` });
  await screenshot(page, "analytics-06b-delete-confirm");
  await confirmDelete.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByLabel("Site").locator("option", { hasText: siteName })).toHaveCount(0);
  expect(await ingestStatus(request, rotated!, ORIGIN)).toBe(400);
});

test("a member who is not staff sees that analytics is for staff only", async ({ page, request }) => {
  const email = `${unique("e2e-member")}@example.com`;
  await signUpVerified(request, { email, password: PASSWORD, name: "일반 회원" });
  await login(page, email);
  await page.goto("/analytics");
  await expect(page.getByTestId("analytics-forbidden")).toContainText("운영자 전용 페이지입니다");
  await screenshot(page, "analytics-07-forbidden");
});
