import { defineRealtime } from "@/shared/lib/redux";

import { feedbackApi } from "../api/feedback-api";
import type { FeedbackList } from "./cache";
import type { Feedback } from "./types";

/** A shot as a map places it (what `shot_map.updated` carries per shot). */
export interface ShotSpan {
  shot_id: string;
  number: number;
  start_frame: number;
  /** Exclusive. */
  end_frame: number;
}

type ShotTag = Feedback["shot"];

/** The shot holding `frame` (the server's rule: start ≤ frame < end), as a comment carries it. */
function tagAt(spans: readonly ShotSpan[], frame: number): ShotTag {
  const span = spans.find((item) => item.start_frame <= frame && frame < item.end_frame);
  return span ? { shot_id: span.shot_id, number: span.number } : null;
}

const sameTag = (a: ShotTag, b: ShotTag) => a?.shot_id === b?.shot_id && a?.number === b?.number;

/**
 * Give every comment of a version's list the shot its frame is in on the version's new map
 * (replies share their comment's). Only comments whose shot changed are replaced, so the
 * other rows keep their identity. Runs on an RTK Query draft.
 */
export function retagShots(list: FeedbackList, spans: readonly ShotSpan[]): void {
  for (const id of list.ids) {
    const item = list.entities[id];
    if (!item) continue;
    const shot = tagAt(spans, item.frame);
    const stale = item.replies.some((reply) => !sameTag(reply.shot, shot));
    if (sameTag(item.shot, shot) && !stale) continue;
    list.entities[id] = { ...item, shot, replies: stale ? item.replies.map((reply) => ({ ...reply, shot })) : item.replies };
  }
}

function spansOf(data: unknown): { versionId: string; spans: ShotSpan[] } | null {
  const map = (data as { shot_map?: { version_id?: unknown; shots?: unknown } } | null)?.shot_map;
  if (!map || typeof map.version_id !== "string" || !Array.isArray(map.shots)) return null;
  return { versionId: map.version_id, spans: map.shots as ShotSpan[] };
}

/**
 * `shot_map.updated` (a teammate fitted the shots, the plan link changed): the comments of that
 * version's cached list follow the new map at once, so their shot badges and the shot filter
 * stay true without refetching the list.
 */
export const registerFeedbackShotRealtime = defineRealtime({
  stream: "version:",
  types: ["shot_map."],
  onEvent: ({ data }, { dispatch, getState, streamId }) => {
    const found = spansOf(data);
    if (!found || found.versionId !== streamId) return;
    if (!feedbackApi.util.selectCachedArgsForQuery(getState(), "listFeedback").includes(found.versionId)) return;
    dispatch(feedbackApi.util.updateQueryData("listFeedback", found.versionId, (draft) => retagShots(draft, found.spans)));
  },
});
