export { buildCsp, HSTS, NONCE_HEADER, pageSecurity, parseOrigins, REFERENCE_IMAGE_ORIGINS, securityHeaders } from "./csp";
