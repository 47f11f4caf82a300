import { describe, expect, it } from "vitest";

import { timecodeSpan } from "./span";

describe("timecodeSpan", () => {
  it("is the timecode of a point comment and 'start – end' of a range", () => {
    expect(timecodeSpan({ smpte: "00:00:03:00", end_smpte: null })).toBe("00:00:03:00");
    expect(timecodeSpan({ smpte: "00:00:03:00" })).toBe("00:00:03:00");
    expect(timecodeSpan({ smpte: "00:00:07:12", end_smpte: "00:00:09:12" })).toBe("00:00:07:12 – 00:00:09:12");
  });
});
