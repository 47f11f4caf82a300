// The review room in Debian's Chromium (playwright-core from frontend/node_modules), opened on
// a version with a long round and on one with a short round, in alternation, each time in a
// fresh browser context (cold cache). Per opening it measures what a reviewer feels:
//   ttiMs     navigation → the first comment on screen and the composer taking input
//   loadedMs  navigation → every comment of the round in the list (later pages load behind)
//   domNodes  elements in the document once every comment is in
//   heapMb    JS heap then (after a GC)
//   scrollFps frames per second while a script scrolls the comment list for two seconds
//   postMs    "post" clicked → the server's copy of the comment in the list (optimistic copy
//             replaced); postShownMs → the comment first on screen
// Usage: node bench/review_scale.mjs '<json>' with {"baseUrl", "tokens": {access, refresh},
// "rooms": [{"name", "path", "count"}], "rounds"}; prints one JSON object {name: [run, ...]}.
import { createRequire } from "node:module";

const require = createRequire(new URL("../frontend/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const options = JSON.parse(process.argv[2]);
const TIMEOUT = 180_000;
const TOKENS_KEY = "vp.auth.tokens"; // src/shared/api/token-storage.ts

const since = (start) => Math.round(performance.now() - start);

async function allLoaded(page, count) {
  await page.waitForFunction(
    (expected) => {
      const list = document.querySelector('[data-testid="feedback-list"]');
      if (!list || document.querySelector('[data-testid="feedback-loading-more"]')) return false;
      // A list without data-count (before virtualisation) has every row in the document.
      const count = list.dataset.count ?? list.querySelectorAll('[data-testid="feedback-item"]').length;
      return Number(count) >= expected;
    },
    count,
    { timeout: TIMEOUT, polling: 50 },
  );
}

/** Scroll the comment list up and down for `ms`, counting the frames the page drew. */
function scrollFps(page, ms) {
  return page.evaluate(async (duration) => {
    const scroller = document.querySelector('[data-testid="feedback-list"]').parentElement;
    let frames = 0;
    let step = 240;
    const start = performance.now();
    await new Promise((resolve) => {
      const tick = () => {
        frames += 1;
        const max = scroller.scrollHeight - scroller.clientHeight;
        if ((step > 0 && scroller.scrollTop >= max) || (step < 0 && scroller.scrollTop <= 0)) step = -step;
        scroller.scrollTop += step;
        if (performance.now() - start < duration) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    scroller.scrollTop = 0;
    return (frames * 1000) / (performance.now() - start);
  }, ms);
}

async function openRoom(browser, room, round) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "ko-KR" });
  await context.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [TOKENS_KEY, JSON.stringify(options.tokens)]);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  try {
    const composer = page.getByRole("combobox", { name: "코멘트", exact: true });
    let start = performance.now();
    await page.goto(options.baseUrl + room.path, { waitUntil: "commit", timeout: TIMEOUT });
    await page.getByTestId("feedback-item").first().waitFor({ state: "visible" });
    await composer.fill("x");
    const ttiMs = since(start);
    await composer.fill("");
    await allLoaded(page, room.count);
    const loadedMs = since(start);
    await page.waitForTimeout(500); // let the last page's rows settle
    const domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
    const heapMb = await page.evaluate(() => {
      globalThis.gc?.();
      return performance.memory ? performance.memory.usedJSHeapSize / 2 ** 20 : null;
    });
    const fps = await scrollFps(page, 2000);

    const body = `벤치 코멘트 ${room.name} ${round} ${Date.now()}`;
    await composer.fill(body);
    const posted = page.getByTestId("feedback-item").filter({ hasText: body });
    start = performance.now();
    await page.getByRole("button", { name: "코멘트 남기기" }).click();
    await posted.first().waitFor({ state: "visible" });
    const postShownMs = since(start);
    await page.waitForFunction(
      (text) =>
        [...document.querySelectorAll('[data-testid="feedback-item"]')].some(
          (item) => item.textContent.includes(text) && !item.textContent.includes("보내는 중…"),
        ),
      body,
      { timeout: TIMEOUT, polling: "raf" },
    );
    const postMs = since(start);
    return { ttiMs, loadedMs, domNodes, heapMb, scrollFps: fps, postShownMs, postMs };
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  // playwright.config.ts's flags, and a GC hook for the heap reading.
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--js-flags=--expose-gc",
  ],
});
try {
  const results = Object.fromEntries(options.rooms.map((room) => [room.name, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    // Alternate which goes first, so warm-up and drift hit both alike.
    const order = round % 2 === 0 ? options.rooms : [...options.rooms].reverse();
    for (const room of order) results[room.name].push(await openRoom(browser, room, round));
  }
  console.log(JSON.stringify(results));
} finally {
  await browser.close();
}
