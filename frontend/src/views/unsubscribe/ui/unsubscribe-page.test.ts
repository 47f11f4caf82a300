import { describe, expect, it } from "vitest";

import { decodedSegment } from "./unsubscribe-page";

describe("decodedSegment", () => {
  it("turns the path segment Next hands over back into the signed token", () => {
    // A compressed django.core.signing token: ".payload:timestamp:signature".
    expect(decodedSegment(".eJyrVkrOz0vJTM9LLUosyczP0yupKFGyUoIK1wIAnS0Kkg%3A1vY2Hh%3AAbc-_d")).toBe(
      ".eJyrVkrOz0vJTM9LLUosyczP0yupKFGyUoIK1wIAnS0Kkg:1vY2Hh:Abc-_d",
    );
    expect(decodedSegment("plain-token_1")).toBe("plain-token_1");
  });

  it("keeps a segment that is not valid percent-encoding as it is", () => {
    expect(decodedSegment("broken%E0%A4%A")).toBe("broken%E0%A4%A");
  });
});
