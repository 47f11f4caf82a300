"use client";

import { useCallback, useState } from "react";

import { baseApi, clearTokens, getTokens, sessionEnded } from "@/shared/api";
import { useAppDispatch } from "@/shared/lib/redux";

import { logoutApi } from "../api/logout-api";

/**
 * Revoke the refresh token on the server (best effort: a dead network must
 * not keep anyone logged in), then forget everything locally.
 */
export function useLogout() {
  const dispatch = useAppDispatch();
  const [pending, setPending] = useState(false);

  const logout = useCallback(async () => {
    setPending(true);
    const tokens = getTokens();
    if (tokens) {
      try {
        await dispatch(logoutApi.endpoints.logout.initiate({ refresh: tokens.refresh })).unwrap();
      } catch {
        // Already invalid or unreachable: the local logout below still happens.
      }
    }
    clearTokens();
    dispatch(sessionEnded({ reason: "user" }));
    dispatch(baseApi.util.resetApiState());
    setPending(false);
  }, [dispatch]);

  return { logout, pending };
}
