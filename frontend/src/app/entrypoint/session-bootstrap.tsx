"use client";

import { useEffect } from "react";
import { useStore } from "react-redux";

import { sessionRestored } from "@/entities/session";
import { baseApi, getTokens, parseTokens, sessionEnded, sessionStarted, TOKENS_STORAGE_KEY } from "@/shared/api";

import type { AppStore } from "../model";

/**
 * Decide the session once the browser can see localStorage, and follow
 * logins/logouts made in other tabs.
 */
export function SessionBootstrap() {
  const store = useStore() as AppStore;

  useEffect(() => {
    store.dispatch(sessionRestored({ hasTokens: getTokens() !== null }));

    const onStorage = (event: StorageEvent) => {
      if (event.key !== TOKENS_STORAGE_KEY && event.key !== null) return;
      const hasTokens = parseTokens(event.newValue) !== null || (event.key === null && getTokens() !== null);
      const status = store.getState().session.status;
      if (!hasTokens && status === "authenticated") {
        store.dispatch(sessionEnded({ reason: "other-tab" }));
        store.dispatch(baseApi.util.resetApiState());
      } else if (hasTokens && status !== "authenticated") {
        store.dispatch(sessionStarted());
      }
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [store]);

  return null;
}
