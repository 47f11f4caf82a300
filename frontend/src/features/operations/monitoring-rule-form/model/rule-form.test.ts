import { describe, expect, it } from "vitest";

import { emptyRuleForm, validateRuleForm, type RuleFormValues } from "./rule-form";

const METRICS = ["cpu.percent", "load.1", "host.missed_intervals"];

function form(overrides: Partial<RuleFormValues>): RuleFormValues {
  return { ...emptyRuleForm(), name: "CPU high", threshold: "90", ...overrides };
}

describe("validateRuleForm", () => {
  it("builds the API body with a host selector from the typed lists", () => {
    const result = validateRuleForm(
      form({ targets: "web-1, web-2", nameGlob: "web-*", forSeconds: "300", channels: ["c1"], severity: "critical" }),
      METRICS,
    );
    expect(result).toEqual({
      ok: true,
      input: {
        name: "CPU high",
        source: "host",
        metric: "cpu.percent",
        host_selector: { hosts: ["web-1", "web-2"], name_glob: "web-*" },
        operator: ">",
        threshold: 90,
        for_seconds: 300,
        severity: "critical",
        channels: ["c1"],
        cooldown_seconds: 3600,
        enabled: true,
        template: "",
      },
    });
  });

  it("rejects a missing name and a non-numeric threshold", () => {
    const result = validateRuleForm(form({ name: "  ", threshold: "ninety" }), METRICS);
    expect(result).toEqual({ ok: false, errors: { name: "required", threshold: "notNumber" } });
  });

  it("accepts a decimal comma in the threshold", () => {
    const result = validateRuleForm(form({ metric: "load.1", threshold: "1,5" }), METRICS);
    expect(result.ok && result.input.threshold).toBe(1.5);
  });

  it("rejects a negative or fractional for-duration and a too long cooldown", () => {
    expect(validateRuleForm(form({ forSeconds: "-5" }), METRICS)).toMatchObject({ errors: { forSeconds: "negative" } });
    expect(validateRuleForm(form({ forSeconds: "1.5" }), METRICS)).toMatchObject({
      errors: { forSeconds: "wholeSeconds" },
    });
    expect(validateRuleForm(form({ cooldownSeconds: String(31 * 86_400) }), METRICS)).toMatchObject({
      errors: { cooldownSeconds: "tooLong" },
    });
  });

  it("rejects a metric the source does not know and a percent threshold above 100", () => {
    expect(validateRuleForm(form({ metric: "cpu.temperature" }), METRICS)).toMatchObject({
      errors: { metric: "unknownMetric" },
    });
    expect(validateRuleForm(form({ threshold: "150" }), METRICS)).toMatchObject({
      errors: { threshold: "percentRange" },
    });
  });

  it("targets sites, not hosts, for analytics rules", () => {
    const result = validateRuleForm(
      form({ source: "analytics", metric: "analytics.active_sessions", threshold: "5", targets: "shop, blog", nameGlob: "s*" }),
      ["analytics.active_sessions"],
    );
    expect(result.ok && result.input.host_selector).toEqual({ sites: ["shop", "blog"], name_glob: "s*" });
  });

  it("uses project ids, not hosts, for AI cost rules", () => {
    const id = "0b7c2f43-5a7e-4a4b-9d7e-1f2a3b4c5d6e";
    const ok = validateRuleForm(
      form({ source: "ai", metric: "ai.cost.month_to_date", threshold: "50", targets: "web-1", projects: id }),
      ["ai.cost.month_to_date"],
    );
    expect(ok.ok && ok.input.host_selector).toEqual({ projects: [id] });
    const bad = validateRuleForm(
      form({ source: "ai", metric: "ai.cost.month_to_date", threshold: "50", projects: "my-project" }),
      ["ai.cost.month_to_date"],
    );
    expect(bad).toMatchObject({ errors: { projects: "projectIds" } });
  });
});
