export { useAppDispatch, type ApiRootState, type AppThunkDispatch } from "./hooks";
export { useRealtimeListeners, type ListenerRegistration, type StartListening } from "./listeners";
