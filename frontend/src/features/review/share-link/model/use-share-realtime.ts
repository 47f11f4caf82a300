"use client";

import { useEffect } from "react";

import { useAppDispatch } from "@/shared/lib/redux";
import { wsBaseUrl } from "@/shared/config";
import { WsManager } from "@/shared/ws";

import { guestApi, guestWsTicket } from "../api/guest-api";
import { applyGuestEvent } from "./guest-cache";

export const SHARE_SOCKET_PATH = "/ws/share/";

/**
 * The guest page live: comments, replies, resolves and reactions of the link's version
 * arrive over `/ws/share/` (a ticket from the link, with its password) and patch the cached
 * page; never internal notes. On first contact and after a resync the page is read again.
 * A link revoked or expired meanwhile closes the socket for good (4403/4404): the next read
 * of the page says why.
 */
export function useShareRealtime({ token, password, enabled }: { token: string; password: string; enabled: boolean }) {
  const dispatch = useAppDispatch();
  useEffect(() => {
    if (!enabled) return;
    const args = { token, password };
    const reload = () => void dispatch(guestApi.endpoints.getSharePage.initiate(args, { subscribe: false, forceRefetch: true }));
    const manager = new WsManager({
      path: SHARE_SOCKET_PATH,
      baseUrl: wsBaseUrl,
      getTicket: () => guestWsTicket(token, password),
      onEvent: ({ type, data }) => {
        dispatch(guestApi.util.updateQueryData("getSharePage", args, (draft) => applyGuestEvent(draft.feedback, type, data)));
      },
      onResync: reload,
      onFirstContact: reload,
      onClosed: reload,
    });
    manager.start();
    return () => manager.stop();
  }, [dispatch, token, password, enabled]);
}
