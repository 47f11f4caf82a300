import { defineConfig } from "@playwright/test";

/**
 * Browser tests against the real backend (scripts/e2e-backend.sh: Daphne with
 * HTTP + WebSocket, migrated, with a Celery worker) and a production build of
 * this app. Chromium is Debian's (never `npx playwright install` here).
 */
const API_PORT = process.env.E2E_API_PORT ?? "8765";
const WEB_PORT = process.env.E2E_WEB_PORT ?? "3100";
const API_URL = `http://127.0.0.1:${API_PORT}`;
const WEB_URL = `http://127.0.0.1:${WEB_PORT}`;
const SKIP_BUILD = process.env.E2E_SKIP_BUILD === "1";

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The JSON report feeds scripts/e2e_failures.py: CI shows only a run's tail, so the test
  // runner prints each failure's reason again after the summary.
  reporter: [
    ["list"],
    ["html", { open: "never", outputFolder: "playwright-report" }],
    ["json", { outputFile: "test-results/results.json" }],
  ],
  use: {
    baseURL: WEB_URL,
    browserName: "chromium",
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: "bash ../scripts/e2e-backend.sh",
      url: `${API_URL}/healthz`,
      env: { E2E_API_PORT: API_PORT, E2E_WEB_PORT: WEB_PORT },
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // NEXT_PUBLIC_API_URL and the tracker's site key (the e2e backend's demo site, written
      // by scripts/e2e-backend.sh, which starts first) are inlined at build time;
      // E2E_SKIP_BUILD=1 reuses a .next built with the same values (and the same database).
      command: `${SKIP_BUILD ? "" : `NEXT_PUBLIC_VP_SITE_KEY="$(cat ../var/e2e-site-key-${WEB_PORT})" npx next build && `}npx next start -p ${WEB_PORT} -H 127.0.0.1`,
      url: `${WEB_URL}/login`,
      env: { NEXT_PUBLIC_API_URL: API_URL, NEXT_TELEMETRY_DISABLED: "1" },
      reuseExistingServer: !process.env.CI,
      timeout: 420_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
