import type { Page } from "@playwright/test";

import { collectSample, createUser, evaluateAlerts } from "./support/monitoring";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

const PASSWORD = "Vp-e2e-Passw0rd!";
/** A recharts line drawn through at least two points: "M x,y" then a line or curve segment. */
const DRAWN_LINE = /^M[\d.,\s-]+[LC]/;

function unique(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name, exact: true }).click();
  await expect(page.getByRole("tab", { name, exact: true })).toHaveAttribute("aria-selected", "true");
}

async function login(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page).toHaveURL(/\/$/);
}

test("staff see hosts live, create a rule, get the alert live and acknowledge it", async ({ page }) => {
  test.setTimeout(240_000); // many steps, each against the real backend and worker
  const email = `${unique("e2e-ops")}@example.com`;
  const host = unique("e2e-host");
  const ruleName = unique("메모리 사용");
  createUser(email, PASSWORD, { staff: true, name: "운영자" });
  // One sample before the page opens: gauges only (CPU % needs two samples' counters).
  collectSample(host);

  await login(page, email);
  await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "모니터링" }).click();
  await expect(page).toHaveURL(/\/monitoring/);
  await expect(page.getByRole("heading", { level: 1, name: "모니터링" })).toBeVisible();
  await expect(page.getByTestId("monitoring-live")).toHaveText(/실시간/);

  // --- the overview is the first tab -----------------------------------------------------
  await expect(page.getByRole("tab", { name: "개요", exact: true })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("monitoring-overview").getByTestId("overview-host").filter({ hasText: host })).toBeVisible();
  await openTab(page, "호스트");

  // --- hosts, updated live -------------------------------------------------------------
  const card = page.getByTestId("host-card").filter({ hasText: host });
  await expect(card).toBeVisible();
  await expect(card.locator('[data-metric="mem.percent"]')).toHaveText(/%$/);
  await expect(card.locator('[data-metric="cpu.percent"]')).toHaveText("—");
  collectSample(host); // the second sample has CPU %, pushed as metrics.sample
  await expect(card.locator('[data-metric="cpu.percent"]')).toHaveText(/%$/);
  // A host that registers while the page is open appears without a reload.
  const newcomer = unique("e2e-late");
  collectSample(newcomer);
  await expect(page.getByTestId("host-card").filter({ hasText: newcomer })).toBeVisible();
  await screenshot(page, "monitoring-01-hosts");

  // --- charts --------------------------------------------------------------------------
  await openTab(page, "차트");
  await page.getByRole("combobox", { name: "호스트" }).selectOption({ label: host });
  await page.getByRole("combobox", { name: "지표" }).selectOption("mem.percent");
  await expect(page.getByTestId("chart-resolution")).toHaveText("원본 샘플");
  await page.getByRole("group", { name: "기간" }).getByRole("button", { name: "30일" }).click();
  await expect(page.getByTestId("chart-resolution")).toHaveText("시간별 집계");
  await page.getByRole("group", { name: "기간" }).getByRole("button", { name: "1시간" }).click();
  await expect(page.getByTestId("chart-resolution")).toHaveText("원본 샘플");
  await screenshot(page, "monitoring-02-charts");

  // --- a rule with a low threshold -----------------------------------------------------
  await openTab(page, "규칙");
  await page.getByRole("button", { name: "새 규칙" }).click();
  const form = page.getByRole("form", { name: "새 경보 규칙" });
  await form.getByLabel("이름", { exact: true }).fill(ruleName);
  await form.getByRole("combobox", { name: "지표" }).selectOption("mem.percent");
  await form.getByLabel("호스트", { exact: true }).fill(host);
  await form.getByLabel("기준값").fill("abc");
  await form.getByRole("button", { name: "규칙 만들기" }).click();
  await expect(form.getByText("숫자를 입력하세요.")).toBeVisible();
  await form.getByLabel("기준값").fill("1");
  await form.getByRole("combobox", { name: "심각도" }).selectOption("critical");
  await expect(form.getByText(/발동했을 것입니다/)).toBeVisible();
  await screenshot(page, "monitoring-03-rule-form");
  await form.getByRole("button", { name: "규칙 만들기" }).click();
  await expect(page.getByTestId("rule-row").filter({ hasText: ruleName })).toBeVisible();
  await screenshot(page, "monitoring-04-rules");

  // --- the alert fires and arrives live ---------------------------------------------------
  await openTab(page, "경보");
  await expect(page.getByText("경보가 없습니다").or(page.getByTestId("alert-row").first())).toBeVisible();
  evaluateAlerts();
  await expect(page.getByText(`경보 발생: ${host}의 ${ruleName}`)).toBeVisible();
  const row = page.getByTestId("alert-row").filter({ hasText: ruleName });
  await expect(row).toHaveAttribute("data-status", "firing");
  await screenshot(page, "monitoring-05-alert-live");

  await row.getByRole("button", { name: "확인", exact: true }).click();
  await expect(row).toContainText("운영자 확인");
  await expect(row.getByRole("button", { name: "확인", exact: true })).toHaveCount(0);

  // Silence it from the alert.
  // Add a note, then silence it from the alert.
  await row.getByRole("button", { name: "메모 추가" }).click();
  const note = `디스크 정리 중 (${host})`; // unique: the e2e database outlives a run
  await page.getByRole("form", { name: "메모" }).getByLabel("메모").fill(note);
  await page.getByRole("form", { name: "메모" }).getByRole("button", { name: "저장" }).click();
  await expect(page.getByText(`메모: ${note}`)).toBeVisible();
  await row.getByRole("button", { name: "무음" }).click();
  await page.getByRole("form", { name: new RegExp(ruleName) }).getByRole("button", { name: "무음" }).click();
  await expect(page.getByText("무음을 만들었습니다")).toBeVisible();
  await screenshot(page, "monitoring-06-alerts");

  // --- the overview: the host's sparklines and the firing alert --------------------------
  await openTab(page, "개요");
  const overviewHost = page.getByTestId("overview-host").filter({ hasText: host });
  // A line through at least two points (a flat one has no height, which toBeVisible counts as hidden).
  await expect(overviewHost.getByTestId("overview-spark").nth(1).locator("path.recharts-line-curve")).toHaveAttribute("d", DRAWN_LINE);
  await expect(overviewHost.locator('[data-metric="cpu"]')).toHaveText(/%$/);
  collectSample(host); // arrives live as metrics.sample: the sparkline grows without a reload
  await expect(page.getByTestId("overview-alerts")).toHaveAttribute("data-tone", "bad");
  await expect(page.getByTestId("overview-alerts-value")).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByTestId("overview-firing")).toContainText(ruleName);
  await expect(page.getByTestId("overview-ai-panel")).toContainText("이번 달 AI 비용");
  await expect(page.getByTestId("overview-ingestion")).toContainText("처리한 이벤트");
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(400);
  await screenshot(page, "monitoring-00-overview-ko");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId("overview-queues").getByRole("button", { name: /작업/ }).click();
  await expect(page.getByRole("tab", { name: "작업", exact: true })).toHaveAttribute("aria-selected", "true");

  // --- every other tab renders ---------------------------------------------------------
  const tabs: Array<[string, string]> = [
    ["무음", "monitoring-07-silences"],
    ["채널", "monitoring-08-channels"],
    ["템플릿", "monitoring-09-templates"],
    ["통계", "monitoring-10-stats"],
    ["예측", "monitoring-11-forecasts"],
    ["이상 징후", "monitoring-12-anomalies"],
    ["작업", "monitoring-13-tasks"],
  ];
  for (const [name, shot] of tabs) {
    await openTab(page, name);
    await expect(page.getByRole("tabpanel")).not.toContainText("불러오지 못했습니다");
    await page.waitForTimeout(300);
    await screenshot(page, shot);
  }
  await expect(page.getByRole("tabpanel")).toContainText("최근 24시간 작업");

  // Silences list holds the one made from the alert.
  await openTab(page, "무음");
  await expect(page.getByRole("tabpanel")).toContainText(ruleName);

  // Channels: add a webhook-less email channel and send a test.
  await openTab(page, "채널");
  await page.getByLabel("이름", { exact: true }).fill("운영팀 메일");
  await page.getByLabel("받는 사람").fill("ops@example.com");
  await page.getByRole("button", { name: "채널 추가" }).click();
  await page.getByRole("button", { name: "테스트 발송" }).first().click();
  await expect(page.getByTestId("delivery-row").first()).toBeVisible();
  await screenshot(page, "monitoring-14-channel-deliveries");

  // Templates: the preview renders as one types.
  await openTab(page, "템플릿");
  await page.getByRole("button", { name: "새 템플릿" }).click();
  await expect(page.getByTestId("template-preview")).toContainText("web-1");
  await screenshot(page, "monitoring-15-template-editor");

  // Dark theme, for the record.
  await openTab(page, "호스트");
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  await screenshot(page, "monitoring-16-hosts-dark");
  await openTab(page, "경보");
  await screenshot(page, "monitoring-17-alerts-dark");
});

test("the overview reads in English: hosts with sparklines, alerts, units", async ({ page }) => {
  test.setTimeout(120_000);
  const email = `${unique("e2e-ops-en")}@example.com`;
  const host = unique("e2e-en-host");
  createUser(email, PASSWORD, { staff: true, name: "Operator", locale: "en" });
  collectSample(host);
  await new Promise((resolve) => setTimeout(resolve, 1_100)); // two sample times, so a line (not one point)
  collectSample(host);
  await login(page, email);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/monitoring");
  await expect(page.getByRole("tab", { name: "Overview", exact: true })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("overview-sockets-value")).toBeVisible({ timeout: 20_000 });
  // The status values on one line whatever their labels do (a wrapped label dropped its value below its neighbours').
  const valueTops = await page.locator('[data-testid^="overview-"][data-testid$="-value"]').evaluateAll((values) => values.map((value) => Math.round(value.getBoundingClientRect().top)));
  expect(valueTops.length).toBe(5);
  expect(new Set(valueTops).size).toBe(1);
  const row = page.getByTestId("overview-host").filter({ hasText: host });
  await expect(row.getByTestId("overview-spark").nth(1).locator("path.recharts-line-curve")).toHaveAttribute("d", DRAWN_LINE, { timeout: 20_000 });
  await expect(row).toContainText("CPU");
  await expect(page.getByTestId("overview-alerts")).toContainText("Firing alerts");
  await expect(page.getByTestId("overview-p95")).toContainText(/ms|no requests/);
  await page.waitForTimeout(400);
  await screenshot(page, "monitoring-00-overview-en");
});

test("a member who is not staff gets the forbidden page", async ({ page }) => {
  const email = `${unique("e2e-member")}@example.com`;
  createUser(email, PASSWORD, { name: "구성원" });
  await login(page, email);
  await expect(page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "모니터링" })).toHaveCount(0);
  await page.goto("/monitoring");
  await expect(page.getByTestId("monitoring-forbidden")).toContainText("스태프 전용");
  await expect(page.getByRole("tab")).toHaveCount(0);
  await screenshot(page, "monitoring-18-forbidden");
});
