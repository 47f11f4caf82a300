import logging

from .request_context import current_request_id


class RequestIdFilter(logging.Filter):
    """Stamps every log record with the id of the request being served (or '')."""

    def filter(self, record: logging.LogRecord) -> bool:
        # django.request logs 4xx/5xx after the middleware reset the context variable;
        # those records carry the request itself.
        request = getattr(record, "request", None)
        record.request_id = current_request_id() or getattr(request, "request_id", "")
        return True
