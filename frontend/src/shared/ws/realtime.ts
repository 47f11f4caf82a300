import { createAction, createSlice, type PayloadAction, type ThunkDispatch, type UnknownAction } from "@reduxjs/toolkit";

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

export interface RealtimeConnectionOptions {
  dispatch: StoreDispatch;
  path: string;
  /** Tags refetched when the server answers `resync`. */
  resyncTags: readonly TagType[];
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
    onFirstContact: () => dispatch(baseApi.util.invalidateTags([...resyncTags])),
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
