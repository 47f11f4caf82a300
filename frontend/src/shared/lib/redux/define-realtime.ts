import { wsEventReceived, wsResyncRequested, type WsEvent } from "@/shared/ws";

import type { ApiRootState, AppThunkDispatch } from "./hooks";
import type { ListenerRegistration } from "./listeners";

/** What an area's event→cache mapping works with. */
export interface RealtimeContext {
  dispatch: AppThunkDispatch;
  getState: () => ApiRootState;
  /** The id after the stream prefix (`project:<id>` → `<id>`), or null without a prefix. */
  streamId: string | null;
}

export interface RealtimeSpec {
  /** Only events on streams starting with this prefix, e.g. `"version:"`. */
  stream?: string;
  /** Only events whose type starts with one of these, e.g. `["feedback.", "reaction."]`. */
  types?: readonly string[];
  /** Map one event onto the cache. */
  onEvent?: (event: WsEvent, context: RealtimeContext) => void;
  /** Which streams' resync calls {@link onResync}; defaults to {@link stream}. */
  resyncStream?: string;
  /** A stream could not replay a gap: refetch what its events would have updated. */
  onResync?: (context: RealtimeContext) => void;
}

function idAfter(prefix: string | undefined, stream: string | null): string | null | undefined {
  if (!prefix) return null;
  return stream?.startsWith(prefix) ? stream.slice(prefix.length) : undefined;
}

/**
 * One area's realtime listeners from its event→cache mapping: the stream and type
 * filters, the two listener registrations and their teardown live here, once.
 * The result is passed to `useRealtimeListeners`.
 */
export function defineRealtime(spec: RealtimeSpec): ListenerRegistration {
  return (listener) => {
    const stops: Array<() => void> = [];
    const { onEvent, onResync } = spec;
    if (onEvent) {
      stops.push(
        listener.startListening({
          actionCreator: wsEventReceived,
          effect: (action, api) => {
            const event = action.payload;
            const streamId = idAfter(spec.stream, event.stream);
            if (streamId === undefined) return;
            if (spec.types && !spec.types.some((prefix) => event.type.startsWith(prefix))) return;
            onEvent(event, { dispatch: api.dispatch, getState: api.getState, streamId });
          },
        }),
      );
    }
    if (onResync) {
      const prefix = spec.resyncStream ?? spec.stream;
      stops.push(
        listener.startListening({
          actionCreator: wsResyncRequested,
          effect: (action, api) => {
            const streamId = idAfter(prefix, action.payload.stream);
            if (streamId === undefined) return;
            onResync({ dispatch: api.dispatch, getState: api.getState, streamId });
          },
        }),
      );
    }
    return () => stops.forEach((stop) => stop());
  };
}
