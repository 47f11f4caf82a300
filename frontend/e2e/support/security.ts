import { expect as baseExpect, test as base, type Browser, type BrowserContext, type Response } from "@playwright/test";

/**
 * Every e2e test runs under a security guard (issue 15): each page the web app serves must
 * carry the CSP and the other security headers, and nothing may violate the CSP — a
 * `securitypolicyviolation` event or Chromium's "Refused to …" console error in any page of
 * any context fails the test. Specs import `test` and `expect` from here.
 */

const WEB_ORIGIN = `http://127.0.0.1:${process.env.E2E_WEB_PORT ?? "3100"}`;
const API_ORIGIN = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}`;

/** What every document of the web app must be served with (src/app/security/csp.ts). */
export const REQUIRED_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "cross-origin-opener-policy": "same-origin",
  "x-frame-options": "DENY",
};

/** `a x y; b z` → {a: ["x", "y"], b: ["z"]} */
export function cspDirectives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

/** The problems with one web-app document's headers (empty when all is well). */
export function headerProblems(headers: Record<string, string>): string[] {
  const problems = Object.entries(REQUIRED_HEADERS)
    .filter(([name, value]) => headers[name] !== value)
    .map(([name, value]) => `${name}: ${headers[name] ?? "(missing)"}, expected ${value}`);
  const csp = headers["content-security-policy"];
  if (!csp) return [...problems, "content-security-policy: (missing)"];
  const d = cspDirectives(csp);
  const script = d["script-src"] ?? [];
  const expect = (ok: boolean, what: string) => (ok ? [] : [`CSP ${what}: ${csp}`]);
  return [
    ...problems,
    ...expect(script.some((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s)) && script.includes("'strict-dynamic'"), "script-src without a nonce and 'strict-dynamic'"),
    ...expect(!script.includes("'unsafe-inline'") && !script.includes("'unsafe-eval'"), "script-src allows inline scripts or eval"),
    ...expect(JSON.stringify(d["connect-src"]) === JSON.stringify(["'self'", API_ORIGIN, API_ORIGIN.replace("http", "ws")]), "connect-src is not exactly self, the API and its WebSocket"),
    ...expect(d["object-src"]?.join(" ") === "'none'", "object-src"),
    ...expect(d["base-uri"]?.join(" ") === "'self'", "base-uri"),
    ...expect(d["frame-ancestors"]?.join(" ") === "'none'", "frame-ancestors"),
    ...expect(d["form-action"]?.join(" ") === "'self'", "form-action"),
    ...expect(d["default-src"]?.join(" ") === "'self'", "default-src"),
  ];
}

export interface Violation {
  page: string;
  what: string;
}

declare global {
  interface Window {
    __vpCspViolation?: (violation: { directive: string; blocked: string; source: string; sample: string }) => void;
  }
}

export class SecurityGuard {
  readonly violations: Violation[] = [];
  readonly badHeaders: string[] = [];
  /** Every web-app document checked, in order: "<status> <path>". */
  readonly documents: string[] = [];
  private readonly watched = new WeakSet<BrowserContext>();

  async watch(context: BrowserContext): Promise<BrowserContext> {
    if (this.watched.has(context)) return context;
    this.watched.add(context);
    context.on("response", (response) => this.checkDocument(response));
    context.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
        this.violations.push({ page: message.page()?.url() ?? "?", what: message.text() });
      }
    });
    await context.exposeBinding("__vpCspViolation", ({ page }, v: { directive: string; blocked: string; source: string; sample: string }) => {
      this.violations.push({ page: page.url(), what: `${v.directive} blocked ${v.blocked || "inline"} (${v.source}) ${v.sample}`.trim() });
    });
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        window.__vpCspViolation?.({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          source: `${event.sourceFile}:${event.lineNumber}`,
          sample: event.sample,
        });
      });
    });
    return context;
  }

  /** Take (and forget) the violations so far: for a test that provokes one on purpose. */
  take(): Violation[] {
    return this.violations.splice(0);
  }

  private checkDocument(response: Response): void {
    const request = response.request();
    if (request.resourceType() !== "document" || new URL(response.url()).origin !== WEB_ORIGIN) return;
    const path = new URL(response.url()).pathname;
    this.documents.push(`${response.status()} ${path}`);
    for (const problem of headerProblems(response.headers())) this.badHeaders.push(`${path}: ${problem}`);
  }
}

/** Contexts opened with `browser.newContext()` inside a test are watched too. */
function watchNewContexts(browser: Browser, guard: SecurityGuard): () => void {
  const original = browser.newContext.bind(browser);
  browser.newContext = async (options) => guard.watch(await original(options));
  return () => Reflect.deleteProperty(browser, "newContext");
}

export const test = base.extend<{ security: SecurityGuard }>({
  security: [
    async ({ browser }, run, testInfo) => {
      const guard = new SecurityGuard();
      const restore = watchNewContexts(browser, guard);
      try {
        await run(guard);
      } finally {
        restore();
      }
      await testInfo.attach("security-checked-documents", { body: guard.documents.join("\n") || "(none)", contentType: "text/plain" });
      baseExpect(guard.badHeaders, "every web-app page carries the CSP and the security headers").toEqual([]);
      baseExpect(guard.violations, "no Content-Security-Policy violation").toEqual([]);
    },
    { auto: true },
  ],
  context: async ({ context, security }, run) => {
    await run(await security.watch(context));
  },
});

export const expect = baseExpect;
