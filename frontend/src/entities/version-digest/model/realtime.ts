import { defineRealtime } from "@/shared/lib/redux";

import { digestApi, digestTag } from "../api/digest-api";
import { isVersionDigest } from "./types";

/**
 * `digest.progress` moves the cached digest's bar; `digest.succeeded` and
 * `digest.failed` carry the whole digest, which replaces the cached one.
 */
export const registerDigestRealtime = defineRealtime({
  stream: "version:",
  types: ["digest."],
  onResync: ({ dispatch, streamId }) => {
    dispatch(digestApi.util.invalidateTags([digestTag(streamId!)]));
  },
  onEvent: ({ type, data }, { dispatch, getState, streamId }) => {
    const versionId = streamId!;
    if (!digestApi.util.selectCachedArgsForQuery(getState(), "getVersionDigest").includes(versionId)) return;
    const payload = (data ?? {}) as { digest_id?: unknown; digest?: unknown; step?: unknown; percent?: unknown };
    if (type === "digest.progress") {
      if (typeof payload.step !== "string" || typeof payload.percent !== "number") return;
      const progress = { step: payload.step, percent: payload.percent };
      dispatch(
        digestApi.util.updateQueryData("getVersionDigest", versionId, (draft) => {
          if (!draft || draft.id !== payload.digest_id) return;
          draft.progress = progress;
          if (progress.step === "running" || progress.step === "collecting" || progress.step === "summarising") {
            draft.status = "running";
          }
        }),
      );
      return;
    }
    if (isVersionDigest(payload.digest)) {
      const digest = payload.digest;
      dispatch(
        digestApi.util.updateQueryData("getVersionDigest", versionId, (draft) => {
          if (draft && draft.created_at > digest.created_at) return draft; // an older digest's late event
          return { ...digest, progress: undefined };
        }),
      );
    }
  },
});
