"""Hooks for observers in other apps (core never imports them)."""

from django.dispatch import Signal

# An API request raised an exception nobody handled (answered with the 500 envelope by
# ApiErrorMiddleware). kwargs: request, exception. Monitoring notifies staff when there is
# no Sentry. Outside /api/, Django's own `got_request_exception` says the same.
unhandled_error = Signal()
