import { addListener, type ListenerMiddlewareInstance, type UnsubscribeListener } from "@reduxjs/toolkit";
import { useEffect } from "react";

import { useAppDispatch, type ApiRootState, type AppThunkDispatch } from "./hooks";

/** Where an area's realtime module starts its cache listeners. */
export type StartListening = Pick<ListenerMiddlewareInstance<ApiRootState, AppThunkDispatch>, "startListening">;
/** One area's realtime listeners, e.g. `registerFeedbackRealtime`. */
export type ListenerRegistration = (listener: StartListening) => () => void;

const addAppListener = addListener.withTypes<ApiRootState, AppThunkDispatch>();
const started = new WeakMap<AppThunkDispatch, Set<ListenerRegistration>>();

/**
 * Start these areas' realtime listeners on the tab's store (through the listener
 * middleware's `addListener` action) when a page or widget that shows their data mounts.
 * The root store knows no area, so a route ships only the entity code of what it shows.
 *
 * Once started, an area's listeners stay for the session: its data is still cached after
 * the page is left and must stay live, and mounting a second page of the area adds nothing.
 * They start in the same commit as the page's queries and sockets, before any socket of
 * the page can have delivered an event.
 */
export function useRealtimeListeners(...registrations: ListenerRegistration[]): void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    let done = started.get(dispatch);
    if (!done) started.set(dispatch, (done = new Set()));
    const listener: StartListening = {
      // Without a listener middleware (some unit tests' stores) the action is a no-op.
      startListening: ((options: Parameters<typeof addAppListener>[0]) =>
        dispatch(addAppListener(options)) as unknown as UnsubscribeListener) as StartListening["startListening"],
    };
    for (const register of registrations) {
      if (done.has(register)) continue;
      done.add(register);
      register(listener);
    }
    // The list is static per call site; re-running with a new array is a cheap no-op.
  });
}
