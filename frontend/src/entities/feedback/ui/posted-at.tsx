"use client";

import { useFormatter, useNow } from "@/shared/i18n";
import { atLeast } from "@/shared/lib/clock";

/**
 * When a comment was posted, relative ("2분 전", "3 minutes ago"; refreshed each minute) with
 * the full date and time on hover. One reading for the members' room and the guest page.
 */
export function PostedAt({ at, className }: { at: string; className?: string }) {
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  return (
    <time className={className} dateTime={at} title={format.dateTime(new Date(at), { dateStyle: "medium", timeStyle: "short" })}>
      {format.relativeTime(new Date(at), atLeast(now, at))}
    </time>
  );
}
