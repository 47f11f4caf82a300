import { describe, expect, it } from "vitest";

import { initialsOf } from "./avatar";

describe("initialsOf", () => {
  it("uses the first syllable of a Korean name", () => {
    expect(initialsOf("김민지")).toBe("김");
  });

  it("uses first and last initials of a Latin name", () => {
    expect(initialsOf("ada lovelace")).toBe("AL");
    expect(initialsOf("Grace")).toBe("G");
  });

  it("never returns an empty string", () => {
    expect(initialsOf("   ")).toBe("?");
  });
});
