export { useAppDispatch, type ApiRootState, type AppThunkDispatch } from "./hooks";
export { useRealtimeListeners, type ListenerRegistration, type StartListening } from "./listeners";
export { defineRealtime, type RealtimeContext, type RealtimeSpec } from "./define-realtime";
