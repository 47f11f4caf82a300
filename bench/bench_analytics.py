"""Web analytics ingestion throughput (events/s), in one run and on one database:

1. the whole path — tracker-shaped batches of 50 events POSTed as text/plain to
   /api/v1/monitoring/events on a real Daphne (validation, origin check, rate limits,
   session stitching, bulk insert, health counters);
2. the ingestion service alone (validation + session stitching + bulk insert, no HTTP);
3. the baseline: a bare `bulk_create` of the same event rows into the same table.

Run: `bash scripts/bench.sh bench/bench_analytics.py`
Prints a table and
appends it to bench/results.md like the other benchmarks."""

import concurrent.futures
import json
import time

import pytest
import requests
from django.utils import timezone

from apps.monitoring.analytics.ingest import event_validate, events_ingest
from apps.monitoring.analytics.models import Event, Session, Site

from .conftest import percentile

BATCH = 50
REQUESTS_PER_ROUND = 240
ROUNDS = 3
CONCURRENCY = 4
ORIGIN = "https://bench.example"
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
# The target is relative to the same-run baseline: on a shared machine absolute numbers swing
# with load, the ratio much less. The full HTTP path (validation, origin, limits, session
# stitching, health counters) should keep at least a fifth of a bare bulk insert's rate.
TARGET_RATIO = 0.2


def batch(site_key: str, n: int) -> dict:
    """One visitor's batch: a page view, clicks, a vital and heartbeats (like a flushed queue)."""
    now = int(time.time() * 1000)
    sid = f"s_bench{n:08d}"
    events = [
        {
            "type": "page_view",
            "ts": now - 60_000,
            "sid": sid,
            "path": f"/p/{n % 40}",
            "ref": "https://www.google.com/",
            "utm": {"source": "bench"},
        }
    ]
    events.append(
        {"type": "vital", "ts": now - 59_000, "sid": sid, "path": f"/p/{n % 40}", "name": "LCP", "value": 1800.0}
    )
    for i in range(BATCH - 2):
        kind = "click" if i % 3 == 0 else "heartbeat"
        events.append(
            {
                "type": kind,
                "ts": now - 58_000 + i * 1000,
                "sid": sid,
                "path": f"/p/{n % 40}",
                **({"label": f"button-{i % 7}"} if kind == "click" else {}),
            }
        )
    return {"site": site_key, "vid": f"v_bench{n:08d}", "events": events}


def post_load(url: str, bodies: list[bytes]) -> tuple[float, list[float], set[int]]:
    chunks = [bodies[i::CONCURRENCY] for i in range(CONCURRENCY)]

    def worker(chunk: list[bytes]) -> tuple[list[float], set[int]]:
        session = requests.Session()
        latencies, statuses = [], set()
        for body in chunk:
            start = time.perf_counter()
            response = session.post(
                url,
                data=body,
                timeout=30,
                headers={"Content-Type": "text/plain;charset=UTF-8", "Origin": ORIGIN, "User-Agent": UA},
            )
            latencies.append((time.perf_counter() - start) * 1000)
            statuses.add(response.status_code)
        return latencies, statuses

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
        results = list(pool.map(worker, chunks))
    seconds = time.perf_counter() - start
    return seconds, [lat for lats, _ in results for lat in lats], set().union(*(s for _, s in results))


@pytest.mark.django_db(transaction=True)
def test_ingestion_throughput_against_bare_bulk_insert(bench_server, report):
    site = Site.objects.create(name="bench", allowed_origins=[ORIGIN])
    server = bench_server(ANALYTICS_RATE_IP="100000000/min", ANALYTICS_RATE_SITE="100000000/min")
    url = f"{server.url}/api/v1/monitoring/events"
    counter = iter(range(10_000_000))

    post_load(url, [json.dumps(batch(site.public_key, next(counter))).encode() for _ in range(40)])  # warm up

    http_seconds = service_seconds = bare_seconds = 0.0
    http_events = service_events = bare_events = 0
    latencies: list[float] = []
    for _ in range(ROUNDS):  # interleaved, so drift hits every side alike
        bodies = [json.dumps(batch(site.public_key, next(counter))).encode() for _ in range(REQUESTS_PER_ROUND)]
        seconds, lats, statuses = post_load(url, bodies)
        assert statuses == {202}
        http_seconds += seconds
        http_events += REQUESTS_PER_ROUND * BATCH
        latencies += lats

        payloads = [batch(site.public_key, next(counter)) for _ in range(REQUESTS_PER_ROUND)]
        start = time.perf_counter()
        for payload in payloads:
            now = timezone.now()
            clean = [event_validate(raw, now=now, encoded_size=len(json.dumps(raw)))[0] for raw in payload["events"]]
            service_events += events_ingest(
                site=site, visitor=payload["vid"], events=clean, user_agent=UA, origin=ORIGIN, now=now
            )
        service_seconds += time.perf_counter() - start

        # Baseline: the same rows, prepared outside the clock, one bare bulk_create per batch.
        session = Session.objects.create(
            site=site, sid="s_bare0000", visitor="v_bare0000", started_at=timezone.now(), last_seen_at=timezone.now()
        )
        prepared = []
        for payload in (batch(site.public_key, next(counter)) for _ in range(REQUESTS_PER_ROUND)):
            now = timezone.now()
            prepared.append(
                [
                    Event(
                        site=site,
                        session=session,
                        type=e["type"],
                        ts=now,
                        path=e["path"],
                        label=e.get("label", ""),
                        name=e.get("name", ""),
                        value=e.get("value"),
                    )
                    for e in payload["events"]
                ]
            )
        start = time.perf_counter()
        for rows in prepared:
            Event.objects.bulk_create(rows)
            bare_events += len(rows)
        bare_seconds += time.perf_counter() - start

    stored = Event.objects.filter(site=site).count()
    assert stored >= http_events + service_events + bare_events
    http_rate = http_events / http_seconds
    service_rate = service_events / service_seconds
    bare_rate = bare_events / bare_seconds
    p95 = percentile(latencies, 95)
    lines = [
        f"HTTP ingestion   {http_rate:9.0f} events/s  (p95 {p95:.1f} ms per {BATCH}-event request, "
        f"{CONCURRENCY} clients)",
        f"service only     {service_rate:9.0f} events/s",
        f"bare bulk insert {bare_rate:9.0f} events/s  (baseline)",
        f"ratio HTTP/bare {http_rate / bare_rate:.2f}, service/bare {service_rate / bare_rate:.2f}",
    ]
    print("\n" + "\n".join(lines))  # noqa: T201 — a benchmark's output
    report.add(
        "analytics ingestion",
        f"events/s over HTTP ({BATCH}/request, {CONCURRENCY} clients)",
        f"{http_rate:.0f} (p95 {p95:.0f} ms/request)",
        baseline=f"{bare_rate:.0f} bare bulk_create",
        ratio=f"{http_rate / bare_rate:.2f}×",
        target=f"≥ {TARGET_RATIO}× bare",
        passed=http_rate / bare_rate >= TARGET_RATIO,
    )
    report.add(
        "analytics ingestion",
        "events/s, service only (no HTTP)",
        f"{service_rate:.0f}",
        baseline=f"{bare_rate:.0f} bare bulk_create",
        ratio=f"{service_rate / bare_rate:.2f}×",
    )
