export { useGuestOnly } from "./lib/use-guest-only";
export {
  selectIsAuthenticated,
  selectSessionEndReason,
  selectSessionStatus,
  sessionRestored,
  sessionSlice,
  type SessionStatus,
} from "./model/session-slice";
