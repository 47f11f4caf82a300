import { describe, expect, it } from "vitest";

import { atLeast } from "./index";

describe("atLeast", () => {
  it("keeps now unless the timestamp is later", () => {
    const now = new Date("2026-03-01T09:00:00Z");
    expect(atLeast(now, "2026-03-01T08:59:00Z")).toBe(now);
    expect(atLeast(now, "2026-03-01T09:00:10Z").toISOString()).toBe("2026-03-01T09:00:10.000Z");
    expect(atLeast(now, "not a date")).toBe(now);
  });
});
