import { createSlice, type PayloadAction } from "@reduxjs/toolkit";

import { sessionEnded, sessionStarted, type LogoutReason } from "@/shared/api";

/**
 * `unknown` until the browser has looked at the stored tokens (the server
 * render and the first client render agree on it), then one of the other two.
 */
export type SessionStatus = "unknown" | "authenticated" | "anonymous";

interface SessionState {
  status: SessionStatus;
  endReason: LogoutReason | null;
}

const initialState: SessionState = { status: "unknown", endReason: null };

export const sessionSlice = createSlice({
  name: "session",
  initialState,
  reducers: {
    sessionRestored(state, action: PayloadAction<{ hasTokens: boolean }>) {
      state.status = action.payload.hasTokens ? "authenticated" : "anonymous";
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(sessionStarted, (state) => {
        state.status = "authenticated";
        state.endReason = null;
      })
      .addCase(sessionEnded, (state, action) => {
        state.status = "anonymous";
        state.endReason = action.payload.reason;
      });
  },
  selectors: {
    selectSessionStatus: (state) => state.status,
    selectIsAuthenticated: (state) => state.status === "authenticated",
    selectSessionEndReason: (state) => state.endReason,
  },
});

export const { sessionRestored } = sessionSlice.actions;
export const { selectSessionStatus, selectIsAuthenticated, selectSessionEndReason } = sessionSlice.selectors;
