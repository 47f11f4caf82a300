import type { APIRequestContext, Page, Request } from "@playwright/test";

import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";
import { API_URL, serveSite, staffToken } from "./support/tracker";

/**
 * The embeddable tracker in real Chromium: a plain HTML page on its own origin loads
 * /static/vp-tracker.js from the backend; what it sends is checked in the database through
 * the analytics API. The page clock is Playwright's, so 15 s heartbeats take no real time.
 */

const PASSWORD = "Vp-e2e-Passw0rd!";

interface Site {
  id: string;
  public_key: string;
}
interface Analytics {
  totals: { page_views: number; sessions: number; conversions: number; conversion_value: number };
  top_pages: { path: string; page_views: number }[];
  top_clicks: { label: string; clicks: number }[];
  conversions_by_name: { name: string; count: number; value: number }[];
  events_by_type: Record<string, number>;
}

function page(origin: string, siteKey: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tracked shop</title>
<style>body{font:16px system-ui;margin:40px}button{margin:4px;padding:8px 14px}</style></head>
<body><h1>Tracked shop</h1><p id="where"></p>
<button data-vp-track="add-to-cart"><span>Add to cart</span></button>
<button id="untracked">Not tracked</button>
<button id="next" onclick="history.pushState({}, '', '/checkout'); document.getElementById('where').textContent = location.pathname">Go to checkout</button>
<button id="buy" onclick="vp.track('conversion', {name: 'purchase', value: 49.5})">Buy</button>
<script async src="${API_URL}/static/vp-tracker.js" data-site="${siteKey}"></script>
<!-- served from ${origin} -->
</body></html>`;
}

async function analytics(request: APIRequestContext, token: string, site: Site): Promise<Analytics> {
  const from = new Date(Date.now() - 3600_000).toISOString();
  const to = new Date(Date.now() + 3600_000).toISOString();
  const response = await request.get(`${API_URL}/api/v1/monitoring/analytics/`, {
    headers: { Authorization: `Bearer ${token}` },
    params: { site: site.id, from, to, interval: "hour" },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as Analytics;
}

async function setVisibility(p: Page, state: "visible" | "hidden"): Promise<void> {
  await p.evaluate((value) => {
    Object.defineProperty(document, "visibilityState", { value, configurable: true });
    Object.defineProperty(document, "hidden", { value: value === "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);
}

test("the tracker reports page views, clicks, conversions, visible-only heartbeats and beacons on hide", async ({
  page: browser,
  request,
}) => {
  const token = await staffToken(request, `e2e-analytics-${Date.now()}@example.com`, PASSWORD);
  let siteKey = "";
  const site = await serveSite((origin) => page(origin, siteKey));
  try {
    const created = await request.post(`${API_URL}/api/v1/monitoring/sites/`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { name: `E2E shop ${Date.now()}`, allowed_origins: [site.origin] },
    });
    expect(created.status()).toBe(201);
    const tracked = (await created.json()) as Site;
    siteKey = tracked.public_key;

    const sent: { kind: "fetch" | "beacon"; types: string[]; contentType: string }[] = [];
    const responses: number[] = [];
    browser.on("request", (req: Request) => {
      if (!req.url().startsWith(`${API_URL}/api/v1/monitoring/events`)) return;
      const body = JSON.parse(req.postData() ?? "{}") as { events?: { type: string }[] };
      sent.push({
        kind: req.resourceType() === "ping" ? "beacon" : "fetch",
        types: (body.events ?? []).map((e) => e.type),
        contentType: req.headers()["content-type"] ?? "",
      });
    });
    browser.on("response", (res) => {
      if (res.url().startsWith(`${API_URL}/api/v1/monitoring/events`)) responses.push(res.status());
    });
    const heartbeats = () => sent.flatMap((s) => s.types).filter((t) => t === "heartbeat").length;

    await browser.clock.install();
    await browser.goto(`${site.origin}/?utm_source=e2e`);
    await expect.poll(() => browser.evaluate(() => typeof (window as { vp?: unknown }).vp)).toBe("object");

    // Page view on load, a click on a marked element (the unmarked one is ignored),
    // a History API route change and a conversion — flushed together after 5 s.
    await browser.getByRole("button", { name: "Add to cart" }).click();
    await browser.getByRole("button", { name: "Not tracked" }).click();
    await browser.getByRole("button", { name: "Go to checkout" }).click();
    await browser.getByRole("button", { name: "Buy" }).click();
    await browser.clock.runFor(5_000);
    await expect.poll(() => responses.length).toBe(1);
    const first = sent[0]!;
    expect([first.kind, first.contentType]).toEqual(["fetch", "text/plain"]);
    // The route change also reports the first page's web vitals (LCP at least).
    expect(first.types.filter((t) => t !== "vital")).toEqual(["page_view", "click", "page_view", "conversion"]);
    expect(first.types).toContain("vital");
    expect(responses).toEqual([202]);

    let stats = await analytics(request, token, tracked);
    expect(stats.totals.page_views).toBe(2);
    expect(stats.top_pages.map((p) => p.path).sort()).toEqual(["/", "/checkout"]);
    expect(stats.top_clicks).toEqual([{ label: "add-to-cart", clicks: 1 }]);
    expect(stats.conversions_by_name).toEqual([{ name: "purchase", count: 1, value: 49.5 }]);
    expect(stats.totals.sessions).toBe(1);

    // Heartbeats every 15 s while visible.
    await browser.clock.runFor(46_000);
    await expect.poll(heartbeats).toBe(3);
    const active = await request.get(`${API_URL}/api/v1/monitoring/sessions/active/`, {
      headers: { Authorization: `Bearer ${token}` },
      params: { site: tracked.id },
    });
    expect(((await active.json()) as { count: number }).count).toBe(1);

    // Hidden: whatever is queued leaves at once with sendBeacon, and the heartbeats stop.
    await browser.getByRole("button", { name: "Add to cart" }).click();
    await setVisibility(browser, "hidden");
    await expect.poll(() => sent.filter((s) => s.kind === "beacon").length).toBe(1);
    const beacon = sent.find((s) => s.kind === "beacon")!;
    expect(beacon.types[0]).toBe("click");
    expect(beacon.contentType).toMatch(/^text\/plain/);
    await browser.clock.runFor(120_000);
    await browser.waitForTimeout(500);
    expect(heartbeats()).toBe(3);

    // Visible again: heartbeats resume.
    await setVisibility(browser, "visible");
    await browser.clock.runFor(20_000);
    await expect.poll(heartbeats).toBe(4);

    await expect
      .poll(async () => (await analytics(request, token, tracked)).events_by_type.heartbeat, { timeout: 10_000 })
      .toBe(4);
    stats = await analytics(request, token, tracked);
    expect(stats.top_clicks).toEqual([{ label: "add-to-cart", clicks: 2 }]);
    expect(stats.totals.sessions).toBe(1);
    expect(stats.events_by_type.vital ?? 0).toBeGreaterThanOrEqual(1); // LCP of the first page at least
    await screenshot(browser, "tracker-plain-page");
  } finally {
    await site.close();
  }
});
