"""Upload: a 1 GiB file through the presigned multipart flow against a local S3 API
(moto_server). The Django process only starts and completes the upload, so its memory must
not grow with the file (target < 20 MB); throughput is compared with a plain boto3
multipart upload of the same size to the same server, in the same run.

Memory is reported twice. "Cold" is the growth from the freshly started server to the peak
while it handles a warm-up upload (one part) and then the big one: it includes one-time costs
such as importing boto3 and loading botocore's models on the first S3 call. "Warm" is the peak
growth during the big upload only, measured after the warm-up went through the same code path
once; that is the growth caused by uploading the file, and the target applies to it."""

import base64
import concurrent.futures
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import boto3
import psutil
import pytest
import requests
from boto3.s3.transfer import TransferConfig
from rest_framework_simplejwt.tokens import AccessToken

from apps.feedbacks.tests.factories import AssetFactory
from apps.projects.tests.factories import ProjectFactory

from .conftest import free_port

SIZE = int(os.environ.get("BENCH_UPLOAD_MB", "1024")) * 1024**2
PART = 16 * 1024**2
WORKERS = 4
CREDENTIALS = {"aws_access_key_id": "bench", "aws_secret_access_key": "bench", "region_name": "us-east-1"}


@pytest.fixture
def s3_endpoint():
    port = free_port()
    binary = Path(sys.executable).parent / "moto_server"
    process = subprocess.Popen(
        [str(binary if binary.exists() else shutil.which("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(endpoint, timeout=1)
            break
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("moto_server did not start")
            time.sleep(0.1)
    yield endpoint
    process.terminate()
    process.wait(timeout=10)


class Repeating:
    """A file-like object of `size` bytes that repeats one block (no 1 GiB in memory)."""

    def __init__(self, size: int, block: bytes):
        self.remaining, self.block, self.offset = size, block, 0

    def read(self, n: int = -1) -> bytes:
        n = self.remaining if n is None or n < 0 else min(n, self.remaining)
        out = bytearray()
        while len(out) < n:
            start = self.offset % len(self.block)
            take = min(n - len(out), len(self.block) - start)
            out += self.block[start : start + take]
            self.offset += take
        self.remaining -= n
        return bytes(out)


class PeakRss:
    """Samples a process's resident memory every 50 ms."""

    def __init__(self, pid: int):
        self.process = psutil.Process(pid)
        self.base = self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.base) / 1024**2


def _presigned_upload(server, asset, token: str, block: bytes, size: int) -> None:
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {token}"
    started = api.post(
        f"{server.url}/api/v1/assets/{asset.pk}/uploads/",
        json={
            "name": "bench.mp4",
            "size": size,
            "content_type": "video/mp4",
            "head": base64.b64encode(block[: min(size, 512)]).decode(),
        },
    )
    assert started.status_code == 201, started.text
    session = started.json()
    assert session["backend"] == "s3", session
    urls = {part["number"]: part for part in session["parts"]}
    missing = [n for n in range(1, session["part_count"] + 1) if n not in urls]
    for start in range(0, len(missing), 100):
        more = api.post(
            f"{server.url}/api/v1/uploads/{session['id']}/parts/", json={"numbers": missing[start : start + 100]}
        )
        urls.update({part["number"]: part for part in more.json()["parts"]})

    def put(number: int) -> dict:
        part = urls[number]
        body = Repeating(part["size"], block).read()
        response = requests.put(part["url"], data=body, timeout=120)
        assert response.status_code == 200, response.text
        return {"number": number, "etag": response.headers["ETag"]}

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        etags = list(pool.map(put, sorted(urls)))
    done = api.post(f"{server.url}/api/v1/uploads/{session['id']}/complete/", json={"parts": etags})
    assert done.status_code in (200, 201), done.text


@pytest.mark.django_db(transaction=True)
def test_presigned_multipart_upload_of_1_gib(bench_server, s3_endpoint, report):
    bucket = f"vp-bench-{uuid.uuid4().hex[:8]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, **CREDENTIALS)
    client.create_bucket(Bucket=bucket)
    server = bench_server(
        AWS_STORAGE_BUCKET_NAME=bucket,
        AWS_S3_ENDPOINT_URL=s3_endpoint,
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_S3_REGION_NAME="us-east-1",
        UPLOAD_PART_SIZE=str(PART),
    )
    project = ProjectFactory()
    asset = AssetFactory(project=project)
    token = str(AccessToken.for_user(project.owner))
    # An MP4 `ftyp` box first: Complete checks the file starts like a video.
    block = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + os.urandom(PART - 24)
    # Warm up with a one-part upload: the first S3 call imports boto3 and loads its models,
    # a fixed cost of the process that is not growth with the file (reported as "cold").
    with PeakRss(server.pid) as cold:
        _presigned_upload(server, AssetFactory(project=project), token, block, PART)
        with PeakRss(server.pid) as warm:
            start = time.perf_counter()
            _presigned_upload(server, asset, token, block, SIZE)
            ours = SIZE / 1024**2 / (time.perf_counter() - start)

    start = time.perf_counter()
    client.upload_fileobj(
        Repeating(SIZE, block),
        bucket,
        "baseline.bin",
        Config=TransferConfig(multipart_threshold=PART, multipart_chunksize=PART, max_concurrency=WORKERS),
    )
    plain = SIZE / 1024**2 / (time.perf_counter() - start)

    label = f"upload {SIZE // 1024**2} MiB presigned multipart"
    report.add(label, "Django RSS growth, cold (incl. first S3 call)", f"{cold.growth_mb:.1f} MB")
    report.add(
        label, "Django RSS growth, warm", f"{warm.growth_mb:.1f} MB", target="< 20 MB", passed=warm.growth_mb < 20
    )
    report.add(label, "throughput", f"{ours:.0f} MB/s", baseline=f"{plain:.0f} MB/s boto3", ratio=f"{ours / plain:.2f}")
