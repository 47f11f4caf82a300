export { baseApi, TAG_TYPES, type TagType } from "./base-api";
export { createBaseQuery, isPublicPath, retryAfterMs, type AppBaseQuery, type BaseQueryOptions } from "./base-query";
export { asApiError, isApiError, toApiError, type ApiError, type ApiErrorDetails } from "./api-error";
export {
  clearTokens,
  getTokens,
  parseTokens,
  setTokens,
  subscribeTokens,
  TOKENS_STORAGE_KEY,
  type AuthTokens,
} from "./token-storage";
export { sessionEnded, sessionStarted, type LogoutReason } from "./session-actions";
export type { CursorPage, Page } from "./types";
// Generated from the backend (scripts/api_types.sh): never edit, never copy by hand.
// `components["schemas"][…]` are the API's shapes; `roleEnumValues` & co. its enums' values.
export * from "./schema.gen";
export {
  ACTIVITY_VERBS,
  CAMERA_MOVEMENTS,
  FEEDBACK_BODY_MAX_LENGTH,
  PROJECT_ACTIONS,
  ROLE_ACTIONS,
  ROLE_RANK,
  SHOT_SIZES,
  SYSTEM_ACTIVITY_VERBS,
  type ActivityVerb,
  type ProjectAction,
} from "./tables.gen";
export { roleAllows, type ProjectRole } from "./roles";
export type { QueryParams, Refine, Schemas } from "./schema";
