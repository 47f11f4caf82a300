import type { ListenerMiddlewareInstance } from "@reduxjs/toolkit";

import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { wsEventReceived, wsResyncRequested } from "@/shared/ws";

import { digestApi, digestTag } from "../api/digest-api";
import { isVersionDigest } from "./types";

const VERSION_STREAM = "version:";

/**
 * `digest.progress` moves the cached digest's bar; `digest.succeeded` and
 * `digest.failed` carry the whole digest, which replaces the cached one.
 */
export function registerDigestRealtime(
  listener: Pick<ListenerMiddlewareInstance<ApiRootState, AppThunkDispatch>, "startListening">,
): () => void {
  const stopResync = listener.startListening({
    actionCreator: wsResyncRequested,
    effect: (action, api) => {
      const stream = action.payload.stream;
      if (stream?.startsWith(VERSION_STREAM)) {
        api.dispatch(digestApi.util.invalidateTags([digestTag(stream.slice(VERSION_STREAM.length))]));
      }
    },
  });
  const stopEvents = listener.startListening({
    actionCreator: wsEventReceived,
    effect: (action, api) => {
      const { type, stream, data } = action.payload;
      if (!type.startsWith("digest.") || !stream?.startsWith(VERSION_STREAM)) return;
      const versionId = stream.slice(VERSION_STREAM.length);
      if (!digestApi.util.selectCachedArgsForQuery(api.getState(), "getVersionDigest").includes(versionId)) return;
      const payload = (data ?? {}) as { digest_id?: unknown; digest?: unknown; step?: unknown; percent?: unknown };
      if (type === "digest.progress") {
        if (typeof payload.step !== "string" || typeof payload.percent !== "number") return;
        const progress = { step: payload.step, percent: payload.percent };
        api.dispatch(
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
        api.dispatch(
          digestApi.util.updateQueryData("getVersionDigest", versionId, (draft) => {
            if (draft && draft.created_at > digest.created_at) return draft; // an older digest's late event
            return { ...digest, progress: undefined };
          }),
        );
      }
    },
  });
  return () => {
    stopResync();
    stopEvents();
  };
}
