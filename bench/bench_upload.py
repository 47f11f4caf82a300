"""Upload: a 1 GiB file (BENCH_UPLOAD_MB) through the presigned multipart flow against a local
S3 API (moto_server), from a Python client and from the browser's own uploader in Chromium,
each compared with plain boto3 multipart uploads of the same size to the same server in the
same run (with no checksum, the S3 protocol presigned part URLs allow, and as boto3 comes: see
`alternate`). Each round runs all three in a rotated order (BENCH_UPLOAD_ROUNDS, default 3) and
each object is deleted before the next, so all see the same load and the same server state;
the ratio is the median of the per-round ratios. Every path uses 16 MiB parts, four in flight.

Memory: the Django process only starts and completes the upload, so its memory must not grow
with the file (target < 20 MB). "Cold" is the growth from the fresh server to the peak across a
warm-up upload (one part) and the first big one: it includes one-time costs such as importing
boto3 and loading botocore's models on the first S3 call. "Warm" is the peak growth during the
big upload only, after the warm-up went through the same code path once.

Where the time goes is reported too: our start, part and complete phases. With moto, complete
costs time in proportion to the file (it joins the parts in memory and, for an upload created
without a checksum algorithm, emulates S3's full-object CRC with another copy), and the check
of the stored file's first bytes reads the whole object back; real S3 does neither."""

import base64
import concurrent.futures
import json
import os
import statistics
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass

import boto3
import pytest
import requests
from boto3.s3.transfer import TransferConfig
from botocore.config import Config as BotoConfig
from rest_framework_simplejwt.tokens import AccessToken

from apps.feedbacks.models import Version
from apps.feedbacks.tests.factories import AssetFactory
from apps.projects.tests.factories import ProjectFactory

from .upload_support import BROWSER_SCRIPT, NullSink, PeakRss, Repeating, UploaderPage, start_moto, write_file

MIB = 1024**2
SIZE = int(os.environ.get("BENCH_UPLOAD_MB", "1024")) * MIB
ROUNDS = int(os.environ.get("BENCH_UPLOAD_ROUNDS", "3"))
PART = 16 * MIB
WORKERS = 4
BASELINES = ("boto3, no checksum", "boto3")
BARE_CHROMIUM = "bare Chromium"
TARGETED = ("boto3, no checksum",)
CREDENTIALS = {"aws_access_key_id": "bench", "aws_secret_access_key": "bench", "region_name": "us-east-1"}


@dataclass
class Setup:
    server: object
    client: object
    bucket: str
    page: UploaderPage
    project: object
    token: str
    block: bytes

    def asset_id(self) -> str:
        return str(AssetFactory(project=self.project).pk)


@pytest.fixture
def setup(bench_server, tmp_path):
    endpoint, moto = start_moto()
    page = UploaderPage(tmp_path)
    bucket = f"vp-bench-{uuid.uuid4().hex[:8]}"
    client = boto3.client("s3", endpoint_url=endpoint, **CREDENTIALS)
    client.create_bucket(Bucket=bucket)
    # What `manage.py feedbacks_configure_bucket` sets: browsers PUT parts and read their ETag.
    client.put_bucket_cors(
        Bucket=bucket,
        CORSConfiguration={
            "CORSRules": [
                {
                    "AllowedOrigins": [page.origin],
                    "AllowedMethods": ["PUT"],
                    "AllowedHeaders": ["*"],
                    "ExposeHeaders": ["ETag"],
                }
            ]
        },
    )
    server = bench_server(
        AWS_STORAGE_BUCKET_NAME=bucket,
        AWS_S3_ENDPOINT_URL=endpoint,
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_S3_REGION_NAME="us-east-1",
        UPLOAD_PART_SIZE=str(PART),
        CORS_ALLOWED_ORIGINS=page.origin,
    )
    project = ProjectFactory()
    # An MP4 `ftyp` box first: uploads start with the file's first bytes and must look like video.
    block = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + os.urandom(PART - 24)
    yield Setup(server, client, bucket, page, project, str(AccessToken.for_user(project.owner)), block)
    page.close()
    moto.terminate()
    moto.wait(timeout=30)


@dataclass
class Phases:
    start: float
    parts: float
    complete: float
    version_id: str

    @property
    def total(self) -> float:
        return self.start + self.parts + self.complete


def presigned_upload(setup: Setup, size: int) -> Phases:
    """The flow the browser runs, from Python: start, PUT parts to their URLs, complete."""
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {setup.token}"
    base = f"{setup.server.url}/api/v1"
    began = time.perf_counter()
    head = base64.b64encode(setup.block[: min(size, 512)]).decode()
    started = api.post(
        f"{base}/assets/{setup.asset_id()}/uploads/",
        json={"name": "bench.mp4", "size": size, "content_type": "video/mp4", "head": head},
    )
    assert started.status_code == 201, started.text
    session = started.json()
    assert session["backend"] == "s3", session
    urls = {part["number"]: part for part in session["parts"]}
    missing = [n for n in range(1, session["part_count"] + 1) if n not in urls]
    for first in range(0, len(missing), 100):
        more = api.post(f"{base}/uploads/{session['id']}/parts/", json={"numbers": missing[first : first + 100]})
        urls.update({part["number"]: part for part in more.json()["parts"]})
    sent = time.perf_counter()
    local = threading.local()

    def put(number: int) -> dict:
        connection = local.__dict__.setdefault("session", requests.Session())  # keep-alive, as a browser
        part = urls[number]
        body = Repeating(part["size"], setup.block).read()
        response = connection.put(part["url"], data=body, timeout=300)
        assert response.status_code == 200, response.text
        return {"number": number, "etag": response.headers["ETag"]}

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        etags = list(pool.map(put, sorted(urls)))
    uploaded = time.perf_counter()
    done = api.post(f"{base}/uploads/{session['id']}/complete/", json={"parts": etags})
    assert done.status_code == 200, done.text
    return Phases(sent - began, uploaded - sent, time.perf_counter() - uploaded, done.json()["id"])


def in_chromium(options: dict) -> dict:
    done = subprocess.run(
        ["node", str(BROWSER_SCRIPT), json.dumps(options)], capture_output=True, text=True, timeout=1800
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def browser_upload(setup: Setup, path, phases: list[Phases] | None = None) -> tuple[float, str]:
    """The app's uploader in Chromium; seconds from start to the completed version."""
    asset_id = setup.asset_id()
    result = in_chromium(
        {
            "pageUrl": setup.page.origin,
            "file": str(path),
            "api": setup.server.url,
            "token": setup.token,
            "assetId": asset_id,
            "concurrency": int(os.environ.get("BENCH_UPLOAD_BROWSER_CONCURRENCY", "0")),  # 0: the app's own
        }
    )
    assert result["parts"] == -(-os.path.getsize(path) // PART), result
    version_id = str(Version.objects.get(asset_id=asset_id).pk)
    if phases is not None:
        phases.append(Phases(**{name: ms / 1000 for name, ms in result["phases"].items()}, version_id=version_id))
    return result["ms"] / 1000, version_id


def bare_chromium_upload(setup: Setup, client, path) -> float:
    """Chromium with no app code: boto3 creates the upload and presigns every part, the fewest
    lines of page script PUT the file's slices four at a time, boto3 completes. What the app's
    uploader would take if its API round trips, bookkeeping and checks cost nothing."""
    key, count = f"bare-{uuid.uuid4().hex}.mp4", -(-os.path.getsize(path) // PART)
    began = time.perf_counter()
    upload_id = client.create_multipart_upload(Bucket=setup.bucket, Key=key, ContentType="video/mp4")["UploadId"]
    params = {"Bucket": setup.bucket, "Key": key, "UploadId": upload_id}
    urls = [
        client.generate_presigned_url("upload_part", Params={**params, "PartNumber": n}) for n in range(1, count + 1)
    ]
    prepared = time.perf_counter() - began
    result = in_chromium(
        {"pageUrl": setup.page.origin, "file": str(path), "bare": {"urls": urls, "partSize": PART, "lanes": WORKERS}}
    )
    began = time.perf_counter()
    client.complete_multipart_upload(
        **params, MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e in enumerate(result["etags"], 1)]}
    )
    seconds = prepared + result["ms"] / 1000 + time.perf_counter() - began
    client.delete_object(Bucket=setup.bucket, Key=key)
    return seconds


def phases_row(report, label: str, phases: list[Phases], seconds: dict[str, list[float]]) -> None:
    median = {name: statistics.median(getattr(p, name) for p in phases) for name in ("start", "parts", "complete")}
    report.add(
        label,
        "where the time goes (median s)",
        f"start {median['start']:.2f} · parts {median['parts']:.2f} · complete {median['complete']:.2f}",
        baseline=" · ".join(f"{name} {statistics.median(seconds[name]):.2f}" for name in BASELINES),
    )


def boto3_upload(client, bucket: str, block: bytes) -> float:
    began = time.perf_counter()
    client.upload_fileobj(
        Repeating(SIZE, block),
        bucket,
        "baseline.bin",
        Config=TransferConfig(multipart_threshold=PART, multipart_chunksize=PART, max_concurrency=WORKERS),
    )
    seconds = time.perf_counter() - began
    client.delete_object(Bucket=bucket, Key="baseline.bin")
    return seconds


def drop_version_file(setup: Setup, version_id: str) -> None:
    setup.client.delete_object(Bucket=setup.bucket, Key=Version.objects.get(pk=version_id).file.name)


def unchecked_client(setup: Setup):
    return boto3.client(
        "s3",
        endpoint_url=setup.client.meta.endpoint_url,
        config=BotoConfig(request_checksum_calculation="when_required"),
        **CREDENTIALS,
    )


def alternate(setup: Setup, ours, **others) -> dict[str, list[float]]:
    """ROUNDS rounds of ours, both boto3 baselines and any `others` (name: seconds of one run),
    the order rotated every round; seconds.
    "boto3" is boto3 as it comes: it declares a CRC32 checksum for the upload and sends one with
    every part. Presigned part URLs cannot carry such checksums (S3 does not support them on
    presigned uploads), so "boto3, no checksum" (request_checksum_calculation=when_required, as
    before botocore 1.36) is the same S3 protocol as ours."""
    plain = unchecked_client(setup)

    def mine() -> float:
        seconds, version_id = ours()
        drop_version_file(setup, version_id)
        return seconds

    runners = {
        "ours": mine,
        "boto3": lambda: boto3_upload(setup.client, setup.bucket, setup.block),
        "boto3, no checksum": lambda: boto3_upload(plain, setup.bucket, setup.block),
        **others,
    }
    names = list(runners)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for number in range(ROUNDS):
        turn = number % len(names)
        for name in names[turn:] + names[:turn]:
            seconds[name].append(runners[name]())
    return seconds


def throughput_rows(report, label: str, seconds: dict[str, list[float]]) -> None:
    """MB/s (medians) against each baseline; the ratio is the median of the per-round ratios."""
    mb = SIZE / MIB
    mine = seconds["ours"]
    for baseline in [name for name in seconds if name != "ours"]:
        target = "≥ 0.9" if baseline in TARGETED else ""
        theirs = seconds[baseline]
        ratio = statistics.median(t / m for m, t in zip(mine, theirs, strict=True))
        report.add(
            label,
            f"throughput, median of {len(mine)} rotated rounds",
            f"{mb / statistics.median(mine):.0f} MB/s",
            baseline=f"{mb / statistics.median(theirs):.0f} MB/s {baseline}",
            ratio=f"{ratio:.2f}",
            target=target,
            passed=ratio >= 0.9 if target else None,
        )


@pytest.mark.django_db(transaction=True)
def test_presigned_multipart_upload_from_python(setup, report):
    with PeakRss(setup.server.pid) as cold:
        presigned_upload(setup, PART)  # warm-up: the first S3 call imports boto3 and loads its models
        with PeakRss(setup.server.pid) as warm:
            first = presigned_upload(setup, SIZE)
    drop_version_file(setup, first.version_id)
    phases: list[Phases] = []

    def ours():
        phases.append(presigned_upload(setup, SIZE))
        return phases[-1].total, phases[-1].version_id

    seconds = alternate(setup, ours)

    label = f"upload {SIZE // MIB} MiB presigned multipart (Python client)"
    report.add(label, "Django RSS growth, cold (incl. first S3 call)", f"{cold.growth_mb:.1f} MB")
    report.add(
        label, "Django RSS growth, warm", f"{warm.growth_mb:.1f} MB", target="< 20 MB", passed=warm.growth_mb < 20
    )
    throughput_rows(report, label, seconds)
    phases_row(report, label, phases, seconds)


@pytest.mark.django_db(transaction=True)
def test_browser_uploader_in_chromium(setup, report, tmp_path):
    path = write_file(tmp_path / "bench.mp4", SIZE, setup.block)
    browser_upload(setup, write_file(tmp_path / "warm.mp4", PART * 2, setup.block))  # first S3 calls
    phases: list[Phases] = []
    plain = unchecked_client(setup)
    seconds = alternate(
        setup,
        lambda: browser_upload(setup, path, phases),
        **{BARE_CHROMIUM: lambda: bare_chromium_upload(setup, plain, path)},
    )
    label = f"upload {SIZE // MIB} MiB presigned multipart (app uploader in Chromium)"
    throughput_rows(report, label, seconds)
    phases_row(report, label, phases, seconds)


def test_chromium_upload_path_against_a_null_sink(tmp_path, report):
    """How fast Chromium itself can send a file's slices, next to a Python client, when the
    server costs nothing: both PUT the same 16 MiB parts, four at a time, to a sink that reads
    and drops them. This is the ceiling of any uploader in this browser on this machine."""
    page, sink = UploaderPage(tmp_path), NullSink()
    block = os.urandom(PART)
    path = write_file(tmp_path / "sink.mp4", SIZE, block)
    urls = [f"{sink.url}/part-{n}" for n in range(1, SIZE // PART + 1)]
    local = threading.local()

    def put(url: str) -> None:
        connection = local.__dict__.setdefault("session", requests.Session())
        connection.put(url, data=block, timeout=300).raise_for_status()

    def python() -> float:
        began = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            list(pool.map(put, urls))
        return time.perf_counter() - began

    def chromium() -> float:
        bare = {"urls": urls, "partSize": PART, "lanes": WORKERS}
        return in_chromium({"pageUrl": page.origin, "file": str(path), "bare": bare})["ms"] / 1000

    seconds: dict[str, list[float]] = {"chromium": [], "python": []}
    try:
        for number in range(ROUNDS):
            for name, run in sorted({"chromium": chromium, "python": python}.items(), reverse=number % 2 == 1):
                seconds[name].append(run())
    finally:
        sink.close()
        page.close()
    mb = SIZE / MIB
    ratio = statistics.median(p / c for c, p in zip(seconds["chromium"], seconds["python"], strict=True))
    report.add(
        f"upload {SIZE // MIB} MiB to a null sink (Chromium's own upload path)",
        f"throughput, median of {ROUNDS} alternating rounds",
        f"{mb / statistics.median(seconds['chromium']):.0f} MB/s Chromium",
        baseline=f"{mb / statistics.median(seconds['python']):.0f} MB/s Python client",
        ratio=f"{ratio:.2f}",
    )
