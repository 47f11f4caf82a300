export { initErrorReporting, reportApiError, routeOf, stopErrorReporting } from "./error-reporting";
export type { ErrorReportingOptions, FailedApiCall } from "./error-reporting";
