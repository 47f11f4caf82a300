import { collectSample, createUser } from "./support/monitoring";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

const PASSWORD = "Vp-e2e-Passw0rd!";

function unique(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
}

test("staff generate a weekly report, watch it build in the worker, read it, download the CSV and e-mail it", async ({ page }) => {
  test.setTimeout(180_000);
  const email = `${unique("e2e-reports")}@example.com`;
  createUser(email, PASSWORD, { staff: true, name: "보고서 담당" });
  collectSample(unique("e2e-report-host"));

  await page.goto("/login");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto("/monitoring?tab=reports");
  await expect(page.getByRole("tab", { name: "보고서", exact: true })).toHaveAttribute("aria-selected", "true");
  // This week so far: the host sampled above is in it (a report of a period not yet over is partial).
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("포함할 날짜 (선택)").fill(today);
  await page.getByRole("button", { name: "주간 보고서 만들기" }).click();

  const detail = page.getByTestId("report-detail");
  const queued = page.getByText("보고서를 만드는 중입니다.", { exact: true });
  const existing = page.getByText("이 기간의 보고서가 이미 있어 열었습니다.");
  await expect(queued.or(existing)).toBeVisible();
  if (await existing.isVisible()) {
    // An earlier run on this database (a retry, the same week last time) made this week's
    // report: build it again, so the worker builds one now with the host sampled above.
    const rebuilt = page.waitForResponse(
      (response) => response.url().endsWith("/monitoring/reports/") && response.request().method() === "POST",
    );
    await detail.getByRole("button", { name: "다시 만들기" }).click();
    expect((await rebuilt).status()).toBe(202);
  }
  // Built by the real Celery worker; the tab polls until it is ready.
  await expect(detail.getByTestId("report-status")).toHaveText("준비됨", { timeout: 60_000 });
  await expect(detail.getByText("기간이 끝나기 전에 만든 보고서입니다.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "호스트별 가동률" })).toBeVisible();
  // HTTP history comes from the per-minute fold (beat); a fresh e2e backend has none yet.
  await expect(page.getByRole("heading", { name: "HTTP 지연 시간과 오류" })).toBeVisible();
  await expect(page.getByTestId("report-section-http")).toContainText(/이 기간의 데이터가 없습니다|요청/);
  await expect(page.getByRole("heading", { name: "프로젝트별 AI 호출과 비용" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "웹 분석" })).toBeVisible();
  await screenshot(page, "reports-01-weekly");

  const downloading = page.waitForEvent("download");
  await detail.getByRole("button", { name: "CSV 다운로드" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^videoplanet-weekly-report-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);

  await detail.getByRole("button", { name: "지금 스태프에게 이메일 보내기" }).click();
  await expect(page.getByText(/스태프 \d+명에게 보냈습니다/)).toBeVisible();
  await expect(detail).toContainText("이메일 발송");

  // Asking again for the same week opens the same report instead of building another.
  await page.getByRole("button", { name: "주간 보고서 만들기" }).click();
  await expect(existing).toBeVisible();
});
