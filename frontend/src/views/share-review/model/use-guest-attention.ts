"use client";

import { useCallback } from "react";

import { guestViewerKey, reportGuestAttention, useWatchReporter, type FrameRange } from "@/entities/attention";

import { GUEST_NAME_KEY } from "../ui/guest-comment-form";

interface GuestAttentionOptions {
  token: string;
  password: string;
  fps: number;
  frameCount: number | null | undefined;
  /** Only a version that plays has anything to report. */
  playable: boolean;
}

/** A guest's player reports what it actually plays, under this browser's random key and the name they gave (if any). */
export function useGuestAttention({ token, password, fps, frameCount, playable }: GuestAttentionOptions) {
  const send = useCallback(
    (ranges: FrameRange[], { keepalive }: { keepalive: boolean }) =>
      reportGuestAttention({
        token,
        password,
        guestKey: guestViewerKey(),
        guestName: window.localStorage.getItem(GUEST_NAME_KEY)?.trim() ?? "",
        ranges,
        keepalive,
      }),
    [token, password],
  );
  return useWatchReporter({ target: playable ? token : null, fps, frameCount, send });
}
