import { describe, expect, it } from "vitest";

import { sessionEnded, sessionStarted } from "@/shared/api";

import { sessionRestored, sessionSlice } from "./session-slice";

const reduce = sessionSlice.reducer;

describe("session slice", () => {
  it("starts unknown so the server render and hydration agree", () => {
    expect(reduce(undefined, { type: "init" }).status).toBe("unknown");
  });

  it("is restored from the presence of stored tokens", () => {
    expect(reduce(undefined, sessionRestored({ hasTokens: true })).status).toBe("authenticated");
    expect(reduce(undefined, sessionRestored({ hasTokens: false })).status).toBe("anonymous");
  });

  it("remembers why a session ended until the next one starts", () => {
    const ended = reduce(undefined, sessionEnded({ reason: "expired" }));
    expect(ended).toEqual({ status: "anonymous", endReason: "expired" });
    expect(reduce(ended, sessionStarted())).toEqual({ status: "authenticated", endReason: null });
  });
});
