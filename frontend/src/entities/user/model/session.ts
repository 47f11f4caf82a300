import { sessionStarted, setTokens } from "@/shared/api";
import type { AppThunkDispatch } from "@/shared/lib/redux";

import { userApi } from "../api/user-api";
import type { AuthResponse } from "./types";

/** After login or register: keep the tokens, seed the profile cache, start the session. */
export function startSession(dispatch: AppThunkDispatch, response: AuthResponse): void {
  setTokens({ access: response.access, refresh: response.refresh });
  dispatch(userApi.util.upsertQueryData("getMe", undefined, response.user));
  dispatch(sessionStarted());
}
