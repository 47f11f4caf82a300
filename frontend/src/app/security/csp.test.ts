import { buildCsp, HSTS, pageSecurity, parseOrigins, sentryOriginOf } from "./csp";

/** `a x y; b z` → {a: ["x", "y"], b: ["z"]} */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp.split("; ").map((directive) => {
      const [name, ...sources] = directive.split(" ");
      return [name, sources];
    }),
  );
}

const PRODUCTION = { NODE_ENV: "production", NEXT_PUBLIC_API_URL: "https://api.videoplanet.kr", CSP_MEDIA_ORIGINS: undefined };
const page = (url: string, forwardedProto: string | null = null) => ({ url: new URL(url), forwardedProto });

describe("pageSecurity in production", () => {
  it("allows scripts by this response's nonce only, and the page to reach only itself, the API and its WebSocket", () => {
    const { csp, nonce } = pageSecurity(page("https://app.videoplanet.kr/projects"), PRODUCTION, "bm9uY2Ux");
    expect(nonce).toBe("bm9uY2Ux");
    expect(directives(csp)).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", "'nonce-bm9uY2Ux'", "'strict-dynamic'"],
      "style-src": ["'self'", "'nonce-bm9uY2Ux'"],
      "style-src-attr": ["'unsafe-inline'"],
      "img-src": [
        "'self'",
        "data:",
        "blob:",
        "https://api.videoplanet.kr",
        "https://*.gstatic.com",
        "https://images.pexels.com",
        "https://images.unsplash.com",
      ],
      "media-src": ["'self'", "https://api.videoplanet.kr"],
      "font-src": ["'self'"],
      "connect-src": ["'self'", "https://api.videoplanet.kr", "wss://api.videoplanet.kr"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
      "upgrade-insecure-requests": [],
    });
  });

  it("never allows eval or inline scripts", () => {
    const { csp } = pageSecurity(page("https://app.videoplanet.kr/"), PRODUCTION);
    expect(csp).not.toContain("unsafe-eval");
    expect(directives(csp)["script-src"]).not.toContain("'unsafe-inline'");
    expect(directives(csp)["style-src"]).not.toContain("'unsafe-inline'");
  });

  it("sends Django's security headers, HSTS included over TLS", () => {
    const { csp, headers } = pageSecurity(page("https://app.videoplanet.kr/"), PRODUCTION);
    expect(headers).toEqual({
      "Content-Security-Policy": csp,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Cross-Origin-Opener-Policy": "same-origin",
      "X-Frame-Options": "DENY",
      "Strict-Transport-Security": HSTS,
    });
    expect(HSTS).toBe("max-age=31536000; includeSubDomains; preload");
  });

  it("takes TLS from the proxy in front (X-Forwarded-Proto), and neither pins nor upgrades plain HTTP", () => {
    const behindProxy = pageSecurity(page("http://app.internal:3000/", "https, http"), PRODUCTION);
    expect(behindProxy.headers["Strict-Transport-Security"]).toBe(HSTS);
    expect(behindProxy.csp).toContain("upgrade-insecure-requests");

    const plain = pageSecurity(page("http://127.0.0.1:3100/", "http"), PRODUCTION);
    expect(plain.headers).not.toHaveProperty("Strict-Transport-Security");
    expect(plain.csp).not.toContain("upgrade-insecure-requests");
  });

  it("draws a fresh nonce for every response", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => pageSecurity(page("https://app.videoplanet.kr/"), PRODUCTION).nonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });
});

describe("origins", () => {
  it("maps an http API to its ws origin, and keeps only the API URL's origin", () => {
    const env = { ...PRODUCTION, NEXT_PUBLIC_API_URL: "http://127.0.0.1:8765/backend/" };
    const csp = directives(pageSecurity(page("http://127.0.0.1:3100/"), env).csp);
    expect(csp["connect-src"]).toEqual(["'self'", "http://127.0.0.1:8765", "ws://127.0.0.1:8765"]);
    expect(csp["media-src"]).toEqual(["'self'", "http://127.0.0.1:8765"]);
  });

  it("falls back to the page's host on port 8000 when NEXT_PUBLIC_API_URL is empty, as the browser does", () => {
    const env = { ...PRODUCTION, NEXT_PUBLIC_API_URL: "" };
    const csp = directives(pageSecurity(page("http://10.0.0.5:3000/login"), env).csp);
    expect(csp["connect-src"]).toEqual(["'self'", "http://10.0.0.5:8000", "ws://10.0.0.5:8000"]);
  });

  it("lets media (presigned S3 URLs, part uploads) come from CSP_MEDIA_ORIGINS", () => {
    const env = {
      ...PRODUCTION,
      CSP_MEDIA_ORIGINS: "https://vp-media.s3.ap-northeast-2.amazonaws.com/, https://cdn.videoplanet.kr",
    };
    const csp = directives(pageSecurity(page("https://app.videoplanet.kr/"), env).csp);
    const media = ["https://vp-media.s3.ap-northeast-2.amazonaws.com", "https://cdn.videoplanet.kr"];
    expect(csp["media-src"]).toEqual(["'self'", "https://api.videoplanet.kr", ...media]);
    expect(csp["img-src"]).toEqual(expect.arrayContaining(media));
    expect(csp["connect-src"]).toEqual(["'self'", "https://api.videoplanet.kr", "wss://api.videoplanet.kr", ...media]);
  });

  it("drops anything in CSP_MEDIA_ORIGINS that is not a plain origin, so it cannot widen the policy", () => {
    expect(
      parseOrigins(
        "https://ok.example https://x.example;script-src * 'unsafe-inline' * data: javascript:alert(1) https://a.example/path http://*.s3.example:9000",
      ),
    ).toEqual(["https://ok.example", "http://*.s3.example:9000"]);
    expect(parseOrigins(undefined)).toEqual([]);
    expect(parseOrigins(" ")).toEqual([]);
  });

  it("lets error events go to Sentry's ingest origin only when NEXT_PUBLIC_SENTRY_DSN is set", () => {
    const connect = (dsn: string | undefined) =>
      directives(pageSecurity(page("https://app.videoplanet.kr/"), { ...PRODUCTION, NEXT_PUBLIC_SENTRY_DSN: dsn }).csp)[
        "connect-src"
      ];
    const base = ["'self'", "https://api.videoplanet.kr", "wss://api.videoplanet.kr"];
    expect(connect(undefined)).toEqual(base);
    expect(connect("")).toEqual(base);
    expect(connect("https://0123abcd@o4501.ingest.de.sentry.io/4507")).toEqual([...base, "https://o4501.ingest.de.sentry.io"]);
    // Not a URL, or not http(s): the policy stays as it was.
    expect(sentryOriginOf("not a dsn; script-src *")).toBeNull();
    expect(sentryOriginOf("javascript:alert(1)")).toBeNull();
  });
});

describe("pageSecurity under next dev", () => {
  const DEV = { NODE_ENV: "development", NEXT_PUBLIC_API_URL: "http://localhost:8000", CSP_MEDIA_ORIGINS: undefined };

  it("allows eval (React's dev tooling) and inline styles (the dev overlay), still no inline scripts", () => {
    const csp = directives(pageSecurity(page("http://localhost:3000/"), DEV, "ZGV2").csp);
    expect(csp["script-src"]).toEqual(["'self'", "'nonce-ZGV2'", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(csp["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("never pins HTTPS on a dev host", () => {
    expect(pageSecurity(page("https://localhost:3000/"), DEV).headers).not.toHaveProperty("Strict-Transport-Security");
  });
});

it("buildCsp lists each source once", () => {
  const csp = buildCsp({ nonce: "n", apiOrigin: "https://a.example", mediaOrigins: ["https://a.example"], dev: false, https: false });
  expect(directives(csp)["media-src"]).toEqual(["'self'", "https://a.example"]);
});
