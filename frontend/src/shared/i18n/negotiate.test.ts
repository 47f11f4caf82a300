import { describe, expect, it } from "vitest";

import { isGuestPath, negotiateLocale } from "./negotiate";

describe("negotiateLocale", () => {
  it("takes the browser's first language the UI speaks", () => {
    expect(negotiateLocale("en-US,en;q=0.9")).toBe("en");
    expect(negotiateLocale("ko-KR,ko;q=0.9,en-US;q=0.8")).toBe("ko");
    expect(negotiateLocale("fr-FR,fr;q=0.9,en;q=0.8,ko;q=0.7")).toBe("en");
  });

  it("ranks by quality, then by order", () => {
    expect(negotiateLocale("ko;q=0.5,en;q=0.8")).toBe("en");
    expect(negotiateLocale("en;q=0.8,ko;q=0.8")).toBe("en");
    expect(negotiateLocale("EN-gb")).toBe("en");
  });

  it("ignores refused languages and falls back to Korean", () => {
    expect(negotiateLocale("en;q=0,ja")).toBe("ko");
    expect(negotiateLocale("de-DE,*;q=0.5")).toBe("ko");
    expect(negotiateLocale("")).toBe("ko");
    expect(negotiateLocale(null)).toBe("ko");
  });
});

describe("isGuestPath", () => {
  it("covers share links only", () => {
    expect(isGuestPath("/share/abc")).toBe(true);
    expect(isGuestPath("/login")).toBe(false);
    expect(isGuestPath("/projects/share")).toBe(false);
  });
});
