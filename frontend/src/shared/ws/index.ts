export { WsManager, type WsManagerOptions } from "./ws-manager";
export {
  createRealtimeConnection,
  MONITORING_SOCKET_PATH,
  NOTIFICATIONS_SOCKET_PATH,
  realtimeSlice,
  selectRealtimeStatus,
  wsEventReceived,
  wsResyncRequested,
  wsStatusChanged,
  type RealtimeConnectionOptions,
} from "./realtime";
export {
  CLOSE_FORBIDDEN,
  CLOSE_STALE,
  CLOSE_UNAUTHENTICATED,
  CLOSE_UNKNOWN_TARGET,
  type WebSocketFactory,
  type WebSocketLike,
  type WsEvent,
  type WsServerMessage,
  type WsStatus,
} from "./types";
