export { apiBaseUrl, wsBaseUrl, resolveApiBaseUrl, toWsBaseUrl } from "./env";
export { routes, safeNextPath } from "./routes";
