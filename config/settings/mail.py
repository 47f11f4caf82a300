"""Outgoing e-mail and the notification e-mail timing."""

from ._env import VAR_DIR, env, env_str

# --- email: console unless SMTP or an anymail provider is configured ---
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "outbox"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "VideoPlanet <no-reply@videoplanet.local>")
# Sign-up: how long the e-mail verification link works (seconds; default 3 days).
EMAIL_VERIFICATION_MAX_AGE = env.int("EMAIL_VERIFICATION_MAX_AGE", default=3 * 24 * 3600)
# How long a browser that signed in stays a "known device" for the login limiter (seconds).
KNOWN_DEVICE_MAX_AGE = env.int("KNOWN_DEVICE_MAX_AGE", default=180 * 24 * 3600)
ANYMAIL = {"SENDGRID_API_KEY": env("SENDGRID_API_KEY", default="")}
# Notification e-mail: an instant one waits this long (not sent if read in the app by then).
NOTIFICATION_EMAIL_DELAY_SECONDS = env.int("NOTIFICATION_EMAIL_DELAY_SECONDS", default=60)
# Where this API is reached from outside: the one-click unsubscribe URL of List-Unsubscribe.
API_PUBLIC_URL = env_str("API_PUBLIC_URL", "http://localhost:8000").rstrip("/")
