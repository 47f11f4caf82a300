import { describe, expect, it } from "vitest";

import { normaliseOrigin, toSiteCreate, validateSiteForm } from "./validate";

const valid = { name: "VideoPlanet", origins: "https://videoplanet.example", retention: "90" };

describe("normaliseOrigin", () => {
  it.each([
    ["https://Example.com/", "https://example.com"],
    ["http://localhost:3000", "http://localhost:3000"],
    ["http://127.0.0.1:3177", "http://127.0.0.1:3177"],
  ])("%s → %s", (raw, origin) => {
    expect(normaliseOrigin(raw)).toBe(origin);
  });

  it.each(["example.com", "ftp://example.com", "https://example.com/app", "https://example.com?x=1", "https://u:p@example.com", "https://"])(
    "refuses %s",
    (raw) => {
      expect(normaliseOrigin(raw)).toBeNull();
    },
  );
});

describe("validateSiteForm", () => {
  it("accepts a name, origins on lines or with commas, and a retention in range", () => {
    expect(validateSiteForm(valid)).toEqual({});
    expect(validateSiteForm({ ...valid, origins: "https://a.example\nhttp://localhost:3000, https://b.example" })).toEqual({});
  });

  it("names the first origin that is not an origin", () => {
    expect(validateSiteForm({ ...valid, origins: "https://a.example\nhttps://a.example/shop" }).origins).toEqual({
      key: "originInvalid",
      values: { origin: "https://a.example/shop" },
    });
  });

  it("requires a name and at least one origin, and caps them", () => {
    const issues = validateSiteForm({ name: "  ", origins: "", retention: "90" });
    expect(issues.name).toEqual({ key: "required" });
    expect(issues.origins).toEqual({ key: "required" });
    expect(validateSiteForm({ ...valid, name: "x".repeat(201) }).name?.key).toBe("nameTooLong");
    const many = Array.from({ length: 21 }, (_, i) => `https://s${i}.example`).join("\n");
    expect(validateSiteForm({ ...valid, origins: many }).origins?.key).toBe("originsTooMany");
  });

  it.each(["0", "3651", "7.5", "", "abc"])("refuses retention %j", (retention) => {
    expect(validateSiteForm({ ...valid, retention }).retention?.key).toBe("retentionRange");
  });
});

describe("toSiteCreate", () => {
  it("sends trimmed, normalised, de-duplicated values", () => {
    expect(toSiteCreate({ name: " Shop ", origins: "https://Shop.example/\nhttps://shop.example", retention: "30" })).toEqual({
      name: "Shop",
      allowed_origins: ["https://shop.example"],
      retention_days: 30,
    });
  });
});
