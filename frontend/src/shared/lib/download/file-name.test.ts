import { describe, expect, it } from "vitest";

import { fileNameFrom } from "./file-name";

describe("fileNameFrom", () => {
  it("prefers the UTF-8 name over the ASCII fallback", () => {
    const header = `attachment; filename="_ ___ r2.csv"; filename*=UTF-8''${encodeURIComponent("봄 티저 샷 리스트 r2.csv")}`;
    expect(fileNameFrom(header, "x.csv")).toBe("봄 티저 샷 리스트 r2.csv");
  });

  it("reads a plain name, and falls back without a header or on a broken encoding", () => {
    expect(fileNameFrom('attachment; filename="report.csv"', "x.csv")).toBe("report.csv");
    expect(fileNameFrom(null, "x.csv")).toBe("x.csv");
    expect(fileNameFrom(`attachment; filename="a.csv"; filename*=UTF-8''%E0%A4%A`, "x.csv")).toBe("a.csv");
  });
});
