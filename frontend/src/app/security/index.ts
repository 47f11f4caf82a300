export { buildCsp, HSTS, NONCE_HEADER, pageSecurity, parseOrigins, REFERENCE_IMAGE_ORIGINS, securityHeaders, sentryOriginOf } from "./csp";
