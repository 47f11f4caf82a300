// Page timings a person feels, in Debian's Chromium (playwright-core from frontend/node_modules):
// the first page (the login form ready to use), then every page of the signed-in app twice —
// opened by address (a full load: HTML, scripts, session, data) and reached by clicking its link
// (client-side navigation). A page counts as ready when its <h1> is on screen: the app renders
// pages in the browser once the session and the page's data are in, so that is also when it is
// interactive. Usage: node bench/frontend_navigation.mjs '<json>' with
// {"baseUrl", "email", "password", "paths": [...], "clicks": [...], "devIndicatorCheck": path|null};
// prints one JSON object {firstMs, loads: {path: ms}, clicks: {path: ms}, indicatorCovers}.
import { createRequire } from "node:module";

const require = createRequire(new URL("../frontend/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const options = JSON.parse(process.argv[2]);
const TIMEOUT = 120_000;

function since(start) {
  return Math.round(performance.now() - start);
}

async function ready(page, path) {
  try {
    await page.waitForURL((url) => url.pathname === path, { timeout: TIMEOUT });
    await page.locator("main h1").first().waitFor({ state: "visible", timeout: TIMEOUT });
  } catch (error) {
    const text = await page.locator("body").innerText().catch(() => "");
    throw new Error(`${path} never got ready; the page is ${page.url()}: ${text.slice(0, 500)}`, { cause: error });
  }
}

/** Whether Next's dev indicator (or anything else) sits on the previous-frame button. */
async function previousFrameCovered(page) {
  const button = page.locator('button[aria-label^="이전 프레임"]').first();
  await button.waitFor({ state: "visible", timeout: TIMEOUT });
  await page.waitForTimeout(1500); // the indicator mounts after hydration
  return button.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const points = [
      [box.left + 2, box.top + 2],
      [box.left + box.width / 2, box.top + box.height / 2],
      [box.right - 2, box.bottom - 2],
    ];
    return points.some(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return !hit || !(element === hit || element.contains(hit));
    });
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "ko-KR" });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const base = options.baseUrl;

  let start = performance.now();
  await page.goto(`${base}/login`, { timeout: TIMEOUT });
  const submit = page.locator('form button[type="submit"]');
  await submit.waitFor({ state: "visible", timeout: TIMEOUT });
  await page.waitForFunction((el) => !el.disabled, await submit.elementHandle(), { timeout: TIMEOUT });
  const firstMs = since(start);

  await page.locator('input[type="email"]').fill(options.email);
  await page.locator('input[type="password"]').fill(options.password);
  await submit.click();
  await ready(page, "/");

  const loads = {};
  for (const path of options.paths) {
    start = performance.now();
    await page.goto(base + path, { waitUntil: "commit", timeout: TIMEOUT });
    await ready(page, path);
    loads[path] = since(start);
  }

  const clicks = {};
  await page.goto(`${base}/`);
  await ready(page, "/");
  for (const path of options.clicks) {
    const link = page.locator(`a[href="${path}"]`).first();
    start = performance.now();
    await link.click();
    await ready(page, path);
    clicks[path] = since(start);
  }

  let indicatorCovers = null;
  if (options.devIndicatorCheck) {
    await page.goto(base + options.devIndicatorCheck);
    await ready(page, options.devIndicatorCheck);
    indicatorCovers = await previousFrameCovered(page);
  }
  process.stdout.write(JSON.stringify({ firstMs, loads, clicks, indicatorCovers }) + "\n");
} finally {
  await browser.close();
}
