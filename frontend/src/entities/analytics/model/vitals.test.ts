import { describe, expect, it } from "vitest";

import { formatVital, rateVital } from "./vitals";

// What the server sends as the report's `vital_thresholds`.
const THRESHOLDS = { LCP: [2500, 4000], CLS: [0.1, 0.25], INP: [200, 500] };

describe("rateVital", () => {
  it.each([
    ["LCP", 1200, "good"],
    ["LCP", 2500, "good"],
    ["LCP", 2501, "needs-improvement"],
    ["LCP", 4000, "needs-improvement"],
    ["LCP", 4001, "poor"],
    ["CLS", 0, "good"],
    ["CLS", 0.1, "good"],
    ["CLS", 0.11, "needs-improvement"],
    ["CLS", 0.25, "needs-improvement"],
    ["CLS", 0.26, "poor"],
    ["INP", 80, "good"],
    ["INP", 200, "good"],
    ["INP", 201, "needs-improvement"],
    ["INP", 500, "needs-improvement"],
    ["INP", 501, "poor"],
  ] as const)("%s %d is %s", (name, value, rating) => {
    expect(rateVital(value, THRESHOLDS[name])).toBe(rating);
  });
});

describe("formatVital", () => {
  it("shows LCP in seconds past one second, INP in ms and CLS unitless", () => {
    expect(formatVital("LCP", 2430, "en")).toBe("2.43 s");
    expect(formatVital("LCP", 640, "en")).toBe("640 ms");
    expect(formatVital("INP", 183.6, "en")).toBe("184 ms");
    expect(formatVital("CLS", 0.1, "en")).toBe("0.10");
    expect(formatVital("CLS", 0.0834, "en")).toBe("0.083");
  });
});
