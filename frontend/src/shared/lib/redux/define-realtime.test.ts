import { configureStore, createListenerMiddleware } from "@reduxjs/toolkit";
import { describe, expect, it } from "vitest";

import { wsEventReceived, wsResyncRequested, type WsEvent } from "@/shared/ws";

import { defineRealtime, type RealtimeContext } from "./define-realtime";
import type { StartListening } from "./listeners";

function event(stream: string | null, type: string): WsEvent {
  return { stream, type, seq: 1, ts: null, data: {} };
}

function setup(spec: Parameters<typeof defineRealtime>[0]) {
  const listener = createListenerMiddleware();
  const stop = defineRealtime(spec)(listener as unknown as StartListening);
  const store = configureStore({ reducer: () => ({}), middleware: (d) => d().prepend(listener.middleware) });
  return { store, stop };
}

describe("defineRealtime", () => {
  it("passes only events of its stream and types, with the stream's id", () => {
    const seen: Array<[string, string | null]> = [];
    const { store } = setup({
      stream: "version:",
      types: ["feedback.", "reaction."],
      onEvent: (e, context: RealtimeContext) => seen.push([e.type, context.streamId]),
    });
    store.dispatch(wsEventReceived(event("version:v1", "feedback.created")));
    store.dispatch(wsEventReceived(event("version:v2", "reaction.added")));
    store.dispatch(wsEventReceived(event("project:p1", "feedback.created")));
    store.dispatch(wsEventReceived(event("version:v1", "digest.progress")));
    store.dispatch(wsEventReceived(event(null, "feedback.created")));
    expect(seen).toEqual([
      ["feedback.created", "v1"],
      ["reaction.added", "v2"],
    ]);
  });

  it("without a stream, takes every stream and passes a null id", () => {
    const seen: Array<string | null> = [];
    const { store } = setup({ onEvent: (_e, { streamId }) => seen.push(streamId) });
    store.dispatch(wsEventReceived(event("project:p1", "x")));
    store.dispatch(wsEventReceived(event(null, "y")));
    expect(seen).toEqual([null, null]);
  });

  it("calls onResync for its resync stream only, and stops on teardown", () => {
    const resynced: Array<string | null> = [];
    const { store, stop } = setup({ resyncStream: "project:", onResync: ({ streamId }) => resynced.push(streamId) });
    store.dispatch(wsResyncRequested({ stream: "project:p1" }));
    store.dispatch(wsResyncRequested({ stream: "version:v1" }));
    store.dispatch(wsResyncRequested({ stream: null }));
    stop();
    store.dispatch(wsResyncRequested({ stream: "project:p2" }));
    expect(resynced).toEqual(["p1"]);
  });
});
