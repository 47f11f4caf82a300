import time

from django.db import connection

from .appmetrics import http_record, route_group
from .metrics import DB_QUERIES, HTTP_LATENCY, HTTP_REQUESTS


class PrometheusMiddleware:
    """Requests by route pattern (not raw path: bounded label values), status and latency,
    and the database queries each route makes; and, for alert rules (`appmetrics`), the
    outcome and duration per route group in Redis, shared by every process."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queries = [0]

        def count(execute, sql, params, many, context):
            queries[0] += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        elapsed = time.perf_counter() - started
        match = getattr(request, "resolver_match", None)
        route = "/" + match.route if match is not None and match.route else "unmatched"
        try:
            HTTP_REQUESTS.labels(request.method, route, str(response.status_code)).inc()
            HTTP_LATENCY.labels(request.method, route).observe(elapsed)
            if queries[0]:
                DB_QUERIES.labels(route).inc(queries[0])
        except Exception:  # noqa: BLE001, S110 — metrics never break a request
            pass
        http_record(group=route_group(request), status=response.status_code, seconds=elapsed)
        return response
