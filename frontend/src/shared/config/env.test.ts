import { describe, expect, it } from "vitest";

import { resolveApiBaseUrl, toWsBaseUrl } from "./env";
import { safeNextPath } from "./routes";

describe("resolveApiBaseUrl", () => {
  it("uses the configured URL without a trailing slash", () => {
    expect(resolveApiBaseUrl("https://api.example.com/", undefined)).toBe("https://api.example.com");
  });

  it("falls back to the page's host on port 8000", () => {
    expect(resolveApiBaseUrl("", { protocol: "https:", hostname: "app.local" })).toBe("https://app.local:8000");
    expect(resolveApiBaseUrl(undefined, { protocol: "http:", hostname: "10.0.0.5" })).toBe("http://10.0.0.5:8000");
  });

  it("uses the page's own origin for same-origin", () => {
    const page = { protocol: "https:", hostname: "videoplanet.example.com", port: "" };
    expect(resolveApiBaseUrl("same-origin", page)).toBe("https://videoplanet.example.com");
    expect(resolveApiBaseUrl("same-origin", { ...page, port: "8443" })).toBe("https://videoplanet.example.com:8443");
  });
});

describe("toWsBaseUrl", () => {
  it("maps http to ws and https to wss", () => {
    expect(toWsBaseUrl("http://127.0.0.1:8765")).toBe("ws://127.0.0.1:8765");
    expect(toWsBaseUrl("https://api.example.com")).toBe("wss://api.example.com");
  });
});

describe("safeNextPath", () => {
  it("accepts same-origin paths and refuses everything else", () => {
    expect(safeNextPath("/notifications?x=1")).toBe("/notifications?x=1");
    expect(safeNextPath("//evil.example")).toBe("/");
    expect(safeNextPath("https://evil.example")).toBe("/");
    expect(safeNextPath(null)).toBe("/");
  });
});
