import { describe, expect, it } from "vitest";

import { emptyBriefValues, formatDuration, validateBrief, valuesToInput, type BriefValues } from "./validate";

function values(overrides: Partial<BriefValues> = {}): BriefValues {
  return {
    ...emptyBriefValues(),
    title: "봄 런칭 티저",
    description: "신제품 첫 공개 영상",
    video_type: "광고",
    ...overrides,
  };
}

describe("validateBrief", () => {
  it("accepts a complete brief", () => {
    expect(validateBrief(values())).toEqual({});
  });

  it("requires title, description and video type, ignoring blank space", () => {
    expect(validateBrief(values({ title: "  ", description: "", video_type: "\n" }))).toEqual({
      title: { key: "required" },
      description: { key: "required" },
      video_type: { key: "required" },
    });
  });

  it("enforces the server's length limits per field", () => {
    const issues = validateBrief(
      values({ title: "x".repeat(201), description: "y".repeat(5001), audience: "a".repeat(301), tone: "t".repeat(201), platform: "p".repeat(101) }),
    );
    expect(issues.title).toEqual({ key: "maxLength", values: { max: 200 } });
    expect(issues.description).toEqual({ key: "maxLength", values: { max: 5000 } });
    expect(issues.audience).toEqual({ key: "maxLength", values: { max: 300 } });
    expect(issues.tone).toEqual({ key: "maxLength", values: { max: 200 } });
    expect(issues.platform).toEqual({ key: "maxLength", values: { max: 100 } });
  });

  it.each([
    ["", { key: "required" }],
    ["1.5", { key: "wholeSeconds" }],
    ["-3", { key: "wholeSeconds" }],
    ["abc", { key: "wholeSeconds" }],
    ["0", { key: "durationRange", values: { min: 5, max: 10800 } }],
    ["4", { key: "durationRange", values: { min: 5, max: 10800 } }],
    ["36000", { key: "durationRange", values: { min: 5, max: 10800 } }],
  ])("refuses the target duration %j", (duration, issue) => {
    expect(validateBrief(values({ target_duration_seconds: duration })).target_duration_seconds).toEqual(issue);
  });

  it.each(["5", "60", "10800"])("accepts the target duration %s", (duration) => {
    expect(validateBrief(values({ target_duration_seconds: duration }))).toEqual({});
  });

  it("only knows Korean and English plans", () => {
    expect(validateBrief(values({ language: "jp" })).language).toEqual({ key: "language" });
  });

  it("trims text and sends the duration as a number", () => {
    expect(valuesToInput(values({ title: "  티저 ", target_duration_seconds: " 90 ", language: "en" }))).toMatchObject({
      title: "티저",
      target_duration_seconds: 90,
      language: "en",
    });
  });

  it("formats durations for hints", () => {
    expect(formatDuration(95)).toBe("1:35");
    expect(formatDuration(10800)).toBe("3:00:00");
  });
});
