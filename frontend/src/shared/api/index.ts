export { baseApi, TAG_TYPES, type TagType } from "./base-api";
export { createBaseQuery, isPublicPath, type AppBaseQuery, type BaseQueryOptions } from "./base-query";
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
export type { CursorPage } from "./types";
