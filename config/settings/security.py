"""Allowed origins (CORS, CSRF, WebSocket) and the security headers."""

from corsheaders.defaults import default_headers as cors_default_headers

from ._env import env_list

# --- CORS / CSRF / WebSocket origins ---
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", ["http://localhost:3000", "http://127.0.0.1:3000"])
# ETag: the browser reads each uploaded part's ETag (embedded-mode part uploads come here).
CORS_EXPOSE_HEADERS = ["X-Request-ID", "ETag", "Content-Disposition", "Retry-After"]  # file names of exports
CORS_ALLOW_HEADERS = (*cors_default_headers, "x-share-password")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", CORS_ALLOWED_ORIGINS)
WS_ALLOWED_ORIGINS = env_list("WS_ALLOWED_ORIGINS", CORS_ALLOWED_ORIGINS)

# --- security headers ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
    }
}
