import { createAction } from "@reduxjs/toolkit";

/**
 * Session lifecycle actions live in Shared because the base query (Shared)
 * must be able to end a session when a refresh fails; the session entity
 * reduces them.
 */
export type LogoutReason = "user" | "expired" | "other-tab";

export const sessionStarted = createAction("session/started");
export const sessionEnded = createAction<{ reason: LogoutReason }>("session/ended");
