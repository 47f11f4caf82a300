import { describe, expect, it } from "vitest";

import { checkEmail, checkMatches, checkMaxLength, checkNewPassword, checkRequired } from "./validation";

describe("validation", () => {
  it("requires non-blank values", () => {
    expect(checkRequired("  ")).toEqual({ key: "required" });
    expect(checkRequired("x")).toBeNull();
  });

  it("accepts plausible emails only", () => {
    expect(checkEmail("")).toEqual({ key: "required" });
    expect(checkEmail("minji@")).toEqual({ key: "email" });
    expect(checkEmail("minji@example")).toEqual({ key: "email" });
    expect(checkEmail(" minji@example.co.kr ")).toBeNull();
  });

  it("asks for 8+ character passwords and a matching confirmation", () => {
    expect(checkNewPassword("short")).toEqual({ key: "passwordMin", values: { min: 8 } });
    expect(checkNewPassword("long-enough")).toBeNull();
    expect(checkMatches("a", "b")).toEqual({ key: "passwordMismatch" });
    expect(checkMatches("same", "same")).toBeNull();
  });

  it("limits lengths", () => {
    expect(checkMaxLength("abcd", 3)).toEqual({ key: "maxLength", values: { max: 3 } });
  });
});
