import {
  createAction,
  createSlice,
  type PayloadAction,
  type ThunkAction,
  type ThunkDispatch,
  type UnknownAction,
} from "@reduxjs/toolkit";

import { baseApi, type TagType } from "@/shared/api";
import { wsBaseUrl } from "@/shared/config";

import type { WebSocketFactory, WsEvent, WsServerMessage, WsStatus } from "./types";
import { WsManager } from "./ws-manager";

/** Every realtime event enters the store through this one action. */
export const wsEventReceived = createAction<WsEvent>("realtime/eventReceived");
export const wsResyncRequested = createAction<{ stream: string | null }>("realtime/resyncRequested");

interface RealtimeState {
  status: WsStatus;
}

const initialState: RealtimeState = { status: "idle" };

export const realtimeSlice = createSlice({
  name: "realtime",
  initialState,
  reducers: {
    wsStatusChanged(state, action: PayloadAction<WsStatus>) {
      state.status = action.payload;
    },
  },
  selectors: {
    selectRealtimeStatus: (state) => state.status,
  },
});

export const { wsStatusChanged } = realtimeSlice.actions;
export const { selectRealtimeStatus } = realtimeSlice.selectors;

interface WsTicket {
  ticket: string;
  expires_in: number;
}

const wsTicketApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    wsTicket: build.mutation<WsTicket, void>({
      query: () => ({ url: "auth/ws-ticket/", method: "POST" }),
    }),
  }),
});

type StoreDispatch = ThunkDispatch<unknown, unknown, UnknownAction>;

/** Data read this close (ms) to the stream's latest event is read again all the same (a write's
 * event is stored when its transaction writes it, and becomes visible at commit). */
export const FIRST_CONTACT_MARGIN_MS = 2_000;

type ApiState = { [K in typeof baseApi.reducerPath]: ReturnType<typeof baseApi.reducer> };

/**
 * Whether the queries providing `tags` may lack an event of this stream: the
 * oldest of them was requested before the stream's latest event (by the
 * hello's `quiet_ms`, with a margin). A hello without `quiet_ms` (an older
 * server) says nothing, so it counts as missed.
 */
export function mayHaveMissedEvents(
  state: ApiState,
  tags: readonly TagType[],
  hello: WsServerMessage,
  now: number = Date.now(),
): boolean {
  const quiet = hello.quiet_ms;
  if (quiet === null) return false; // nothing was ever published on the stream
  if (typeof quiet !== "number") return true;
  const started = baseApi.util
    .selectInvalidatedBy(state, [...tags])
    .map(({ queryCacheKey }) => state[baseApi.reducerPath].queries[queryCacheKey]?.startedTimeStamp)
    .filter((time): time is number => typeof time === "number");
  if (started.length === 0) return false; // nothing cached that could be stale
  return now - Math.min(...started) + FIRST_CONTACT_MARGIN_MS >= quiet;
}

function firstContactRefetch(
  tags: readonly TagType[],
  hello: WsServerMessage,
  always: boolean,
): ThunkAction<void, unknown, unknown, UnknownAction> {
  return (dispatch, getState) => {
    if (always || mayHaveMissedEvents(getState() as ApiState, tags, hello)) dispatch(baseApi.util.invalidateTags([...tags]));
  };
}

export interface RealtimeConnectionOptions {
  dispatch: StoreDispatch;
  path: string;
  /** Tags refetched when the server answers `resync` (and on first contact, see {@link firstContact}). */
  resyncTags: readonly TagType[];
  /**
   * On the stream's first `hello`: `"always"` refetches `resyncTags` (data read
   * before the subscription may lack what was published in between);
   * `"when-missed"` only when the stream had an event since the oldest of those
   * queries was requested (the hello's `quiet_ms`), so a page that just loaded
   * does not read everything twice.
   */
  firstContact?: "always" | "when-missed";
  createSocket?: WebSocketFactory;
  /** Local observers besides the store (e.g. a room's ephemeral presence and typing). */
  onHello?: (message: WsServerMessage) => void;
  onMessage?: (event: WsEvent) => void;
  /** The server refused the stream for good (4403, 4404), e.g. a member was removed. */
  onClosed?: (code: number) => void;
  /**
   * Whether this connection drives the app-wide status (the header's
   * indicator); a page's own stream (one project, one version) passes false.
   */
  reportStatus?: boolean;
  /** A local observer of this connection's status (e.g. a room's "live" dot). */
  onStatusChange?: (status: WsStatus) => void;
}

/**
 * Wire a {@link WsManager} to the store: tickets through the API (so an
 * expired access token is refreshed first), events dispatched as
 * {@link wsEventReceived}, `resync` as a tag invalidation.
 */
export function createRealtimeConnection({
  dispatch,
  path,
  resyncTags,
  firstContact = "always",
  createSocket,
  onHello,
  onMessage,
  onClosed,
  reportStatus = true,
  onStatusChange,
}: RealtimeConnectionOptions): WsManager {
  return new WsManager({
    path,
    baseUrl: wsBaseUrl,
    createSocket,
    getTicket: async () => {
      const { ticket } = await dispatch(wsTicketApi.endpoints.wsTicket.initiate(undefined, { track: false })).unwrap();
      return ticket;
    },
    onHello,
    onEvent: (event) => {
      dispatch(wsEventReceived(event));
      onMessage?.(event);
    },
    onResync: (stream) => {
      dispatch(wsResyncRequested({ stream }));
      dispatch(baseApi.util.invalidateTags([...resyncTags]));
    },
    onFirstContact: (_stream, hello) =>
      dispatch(firstContactRefetch(resyncTags, hello, firstContact === "always")),
    onStatusChange: (status) => {
      if (reportStatus) dispatch(wsStatusChanged(status));
      onStatusChange?.(status);
    },
    onClosed,
  });
}

export const NOTIFICATIONS_SOCKET_PATH = "/ws/notifications/";
/** Staff only: alerts, metric samples and analytics ticks. */
export const MONITORING_SOCKET_PATH = "/ws/monitoring/";
