/**
 * The embeddable tracker (one source: apps/monitoring/static/vp-tracker.js, served by Django
 * at /static/vp-tracker.js). Each test loads it into a fresh jsdom window with stubbed
 * fetch/sendBeacon/PerformanceObserver and the test's fake clock.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";

// @ts-expect-error -- jsdom ships without type declarations in this project; typed below.
import { JSDOM as UntypedJSDOM } from "jsdom";

const SOURCE = readFileSync(resolve(__dirname, "../../../../../apps/monitoring/static/vp-tracker.js"), "utf8");
const ENDPOINT = "https://api.example/api/v1/monitoring/events";

interface TrackerEvent {
  type: string;
  ts: number;
  sid: string;
  path: string;
  label?: string;
  name?: string;
  value?: number;
  ref?: string;
  utm?: Record<string, string>;
}
interface Batch {
  site: string;
  vid: string;
  events: TrackerEvent[];
}
interface TrackerWindow extends Window {
  vp: { track: (type: string, props?: Record<string, unknown>) => void; flush: () => void; q?: unknown[][] };
  eval: (code: string) => unknown;
  Event: typeof Event;
  doNotTrack?: string;
}
interface Dom {
  window: TrackerWindow;
}
const JSDOM = UntypedJSDOM as new (html: string, options: Record<string, unknown>) => Dom;

type Entry = Record<string, unknown>;

function setup(options: { url?: string; site?: string; before?: (win: TrackerWindow) => void } = {}) {
  const dom = new JSDOM(
    `<!doctype html><html><body>
      <button data-vp-track="signup-cta"><span id="inner">Sign up</span></button>
      <a id="labelled" data-vp-track href="#">  Pricing link  </a>
      <button id="plain">Plain</button>
      <script data-site="${options.site ?? "vps_test"}" data-endpoint="${ENDPOINT}"></script>
    </body></html>`,
    { url: options.url ?? "https://shop.example/", runScripts: "outside-only", pretendToBeVisual: true,
      referrer: "https://www.google.com/search?q=video" },
  );
  const win = dom.window;
  const posts: Batch[] = [];
  const beacons: Batch[] = [];
  const fetchMock = vi.fn((_url: string, init: { body: string; headers: Record<string, string> }) => {
    posts.push(JSON.parse(init.body) as Batch);
    return Promise.resolve({ status: 202 });
  });
  const beaconMock = vi.fn((_url: string, body: string) => {
    beacons.push(JSON.parse(body) as Batch);
    return true;
  });
  const observers: Record<string, (entries: Entry[]) => void> = {};
  class FakeObserver {
    constructor(private readonly callback: (list: { getEntries: () => Entry[] }) => void) {}
    observe(opts: { type: string }) {
      observers[opts.type] = (entries) => this.callback({ getEntries: () => entries });
    }
  }
  Object.assign(win, {
    fetch: fetchMock, PerformanceObserver: FakeObserver, Date, setTimeout, clearTimeout, setInterval,
    clearInterval,
  });
  Object.defineProperty(win.navigator, "sendBeacon", { value: beaconMock, configurable: true });
  options.before?.(win);
  win.eval(SOURCE);
  const setVisibility = (state: "visible" | "hidden") => {
    Object.defineProperty(win.document, "visibilityState", { value: state, configurable: true });
    win.document.dispatchEvent(new win.Event("visibilitychange"));
  };
  const sent = () => [...posts, ...beacons].flatMap((batch) => batch.events);
  return { win, posts, beacons, fetchMock, beaconMock, observers, setVisibility, sent };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-11-23T10:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

it("stays under 3 KB gzipped", () => {
  const size = gzipSync(SOURCE, { level: 9 }).length;
  process.stdout.write(`vp-tracker.js: ${SOURCE.length} bytes, ${size} bytes gzipped\n`);
  expect(size).toBeLessThan(3 * 1024);
});

it("sends a page view with referrer and UTM parameters, batched as text/plain after 5 s", () => {
  const t = setup({ url: "https://shop.example/pricing?utm_source=news&utm_campaign=nov&email=x@y.z" });
  expect(t.fetchMock).not.toHaveBeenCalled();
  vi.advanceTimersByTime(5000);
  expect(t.fetchMock).toHaveBeenCalledTimes(1);
  const [url, init] = t.fetchMock.mock.calls[0]!;
  expect(url).toBe(ENDPOINT);
  expect(init.headers["Content-Type"]).toBe("text/plain");
  const batch = t.posts[0]!;
  expect(batch.site).toBe("vps_test");
  expect(batch.vid).toMatch(/^v_[a-z0-9]+$/);
  expect(batch.events).toEqual([
    expect.objectContaining({ type: "page_view", path: "/pricing", ref: "https://www.google.com/search?q=video",
      utm: { source: "news", campaign: "nov" }, ts: Date.now() - 5000 }),
  ]);
  // Only the pathname leaves the page: never the query string (it may carry personal data).
  expect(JSON.stringify(batch)).not.toContain("x@y.z");
  expect(t.win.localStorage.getItem("vp_vid")).toBe(batch.vid);
});

it("counts client-side route changes made with the History API, once per path", () => {
  const t = setup();
  t.win.history.pushState({}, "", "/projects");
  vi.advanceTimersByTime(1);
  t.win.history.replaceState({}, "", "/projects"); // same path: not a new view
  vi.advanceTimersByTime(1);
  t.win.history.pushState({}, "", "/projects/42?tab=files");
  vi.advanceTimersByTime(5000);
  const views = t.sent().filter((e) => e.type === "page_view");
  expect(views.map((e) => e.path)).toEqual(["/", "/projects", "/projects/42"]);
  expect(views[1]!.ref).toBeUndefined();
});

it("records clicks on elements marked data-vp-track, with their label", () => {
  const t = setup();
  t.win.document.getElementById("inner")!.click();
  t.win.document.getElementById("labelled")!.click();
  t.win.document.getElementById("plain")!.click();
  t.win.vp.flush();
  const clicks = t.sent().filter((e) => e.type === "click");
  expect(clicks.map((e) => e.label)).toEqual(["signup-cta", "Pricing link"]);
});

it("sends conversions through vp.track, including calls queued before the script loaded", () => {
  const t = setup({ before: (win) => { win.vp = { q: [["conversion", { name: "early", value: 1 }]] } as TrackerWindow["vp"]; } });
  t.win.vp.track("conversion", { name: "signup", value: 12.5 });
  t.win.vp.track("conversion", { name: "bad value", value: Number.NaN });
  t.win.vp.flush();
  const conversions = t.sent().filter((e) => e.type === "conversion");
  expect(conversions.map((e) => [e.name, e.value])).toEqual([["early", 1], ["signup", 12.5], ["bad value", undefined]]);
});

it("beats every 15 s only while the tab is visible", () => {
  const t = setup();
  vi.advanceTimersByTime(45_000);
  const beats = () => {
    t.win.vp.flush();
    return t.sent().filter((e) => e.type === "heartbeat").length;
  };
  expect(beats()).toBe(3);
  t.setVisibility("hidden");
  vi.advanceTimersByTime(60_000);
  expect(beats()).toBe(3);
  t.setVisibility("visible");
  vi.advanceTimersByTime(15_000);
  expect(beats()).toBe(4);
});

it("flushes with sendBeacon when the page is hidden, with the web vitals", () => {
  const t = setup();
  t.observers["largest-contentful-paint"]!([{ startTime: 1200 }, { startTime: 1830.5 }]);
  t.observers["layout-shift"]!([
    { startTime: 100, value: 0.05, hadRecentInput: false },
    { startTime: 300, value: 0.02, hadRecentInput: false },
    { startTime: 400, value: 0.5, hadRecentInput: true },
    { startTime: 9000, value: 0.01, hadRecentInput: false },
  ]);
  t.observers.event!([{ interactionId: 1, duration: 80 }, { interactionId: 2, duration: 240 }, { duration: 900 }]);
  t.win.document.getElementById("inner")!.click();
  t.setVisibility("hidden");
  expect(t.fetchMock).not.toHaveBeenCalled();
  expect(t.beaconMock).toHaveBeenCalledTimes(1);
  expect(t.beaconMock.mock.calls[0]![0]).toBe(ENDPOINT);
  const events = t.beacons[0]!.events;
  expect(events.map((e) => e.type)).toEqual(["page_view", "click", "vital", "vital", "vital"]);
  const vitals = Object.fromEntries(events.filter((e) => e.type === "vital").map((e) => [e.name, e.value]));
  expect(vitals).toEqual({ LCP: 1830.5, CLS: 0.07, INP: 240 });
});

it("falls back to fetch when sendBeacon refuses, and flushes on pagehide", () => {
  const t = setup();
  t.beaconMock.mockReturnValue(false);
  t.win.dispatchEvent(new t.win.Event("pagehide"));
  expect(t.fetchMock).toHaveBeenCalledTimes(1);
});

it("keeps the session for 30 min of inactivity and renews it after", () => {
  const t = setup();
  t.win.vp.flush();
  const first = t.posts[0]!.events[0]!.sid;
  vi.setSystemTime(Date.now() + 29 * 60_000);
  t.win.vp.track("conversion", { name: "a" });
  vi.setSystemTime(Date.now() + 31 * 60_000);
  t.win.vp.track("conversion", { name: "b" });
  t.win.vp.flush();
  const [a, b] = t.sent().filter((e) => e.type === "conversion");
  expect(a!.sid).toBe(first);
  expect(b!.sid).not.toBe(first);
  expect(b!.sid).toMatch(/^s_/);
});

it("retries a failed send once, and not a refused one", async () => {
  const t = setup();
  t.fetchMock.mockImplementation(() => Promise.reject(new TypeError("offline")));
  t.win.vp.flush();
  await vi.advanceTimersByTimeAsync(3000);
  expect(t.fetchMock).toHaveBeenCalledTimes(2);
  await vi.advanceTimersByTimeAsync(10_000);
  expect(t.fetchMock).toHaveBeenCalledTimes(2); // the retry failed too: given up

  t.fetchMock.mockClear();
  t.fetchMock.mockImplementation(() => Promise.resolve({ status: 400 }));
  t.win.vp.track("conversion", { name: "x" });
  t.win.vp.flush();
  await vi.advanceTimersByTimeAsync(3000);
  expect(t.fetchMock).toHaveBeenCalledTimes(1);
});

it("splits more than 50 queued events into several requests", () => {
  const t = setup();
  for (let i = 0; i < 120; i += 1) t.win.vp.track("click", { label: `b${i}` });
  t.win.vp.flush();
  expect(t.posts.map((b) => b.events.length)).toEqual([50, 50, 21]);
});

it.each([
  ["Do-Not-Track", (win: TrackerWindow) => Object.defineProperty(win.navigator, "doNotTrack", { value: "1" })],
  ["Global Privacy Control", (win: TrackerWindow) =>
    Object.defineProperty(win.navigator, "globalPrivacyControl", { value: true })],
])("sends nothing under %s, and vp.track stays harmless", (_name, before) => {
  const t = setup({ before });
  t.win.vp.track("conversion", { name: "x" });
  vi.advanceTimersByTime(60_000);
  t.win.document.dispatchEvent(new t.win.Event("visibilitychange"));
  expect(t.fetchMock).not.toHaveBeenCalled();
  expect(t.beaconMock).not.toHaveBeenCalled();
  expect(t.win.localStorage.getItem("vp_vid")).toBeNull();
});

it("works without storage (cookie-less: an id per page load) and never throws into the page", () => {
  const t = setup({
    before: (win) => {
      Object.defineProperty(win, "localStorage", { get: () => { throw new Error("blocked"); } });
    },
  });
  t.win.vp.flush();
  expect(t.posts[0]!.vid).toMatch(/^v_/);
  expect(t.win.document.cookie).toBe("");
  Object.assign(t.win, { fetch: undefined });
  Object.defineProperty(t.win.navigator, "sendBeacon", { value: undefined });
  expect(() => {
    t.win.vp.track("conversion", { name: "x" });
    t.win.vp.flush();
    t.win.vp.track("unknown-type");
    vi.advanceTimersByTime(20_000);
  }).not.toThrow();
});

it("does nothing without a site key", () => {
  const t = setup({ site: "" });
  vi.advanceTimersByTime(20_000);
  expect(t.fetchMock).not.toHaveBeenCalled();
});

it("leaves share-link and invitation tokens out of the path", () => {
  const t = setup({ url: "https://shop.example/share/Zx9_secretToken123?password=x" });
  t.win.history.pushState({}, "", "/invitations/inv-secret-456/");
  t.win.vp.track("click", { label: "accept" });
  t.win.vp.flush();
  const paths = t.sent().map((e) => e.path);
  expect(paths).toContain("/share/:token");
  expect(paths).toContain("/invitations/:token/");
  expect(JSON.stringify(t.sent())).not.toContain("secret");
});
