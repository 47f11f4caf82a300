import base64
import shutil
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import boto3
import pytest
import requests
from django.conf import settings as django_settings
from django.urls import reverse

from apps.core.models import StreamEvent
from apps.feedbacks.models import Asset, Feedback, ShareLink, Version
from apps.feedbacks.storage import SNIFF_BYTES
from apps.projects.models import Role

# The projects app's role fixtures, shared rather than copied.
from apps.projects.tests.conftest import (  # noqa: F401
    ROLES,
    ProjectWithRoles,
    client_for,
    client_of,
    project_with_roles,
)

from .factories import AssetFactory, FeedbackFactory, ShareLinkFactory, VersionFactory


def url(name: str, **kwargs) -> str:
    return reverse(name, kwargs=kwargs)


def stream_types(stream: str) -> list[str]:
    return list(StreamEvent.objects.filter(stream=stream).order_by("seq").values_list("type", flat=True))


# --- media --------------------------------------------------------------------------------


def ffmpeg(*args: str) -> None:
    subprocess.run(
        [django_settings.FFMPEG_BINARY, "-hide_banner", "-nostdin", "-v", "error", "-y", *args],
        check=True,
        timeout=60,
    )


@pytest.fixture(scope="session")
def clip_path(tmp_path_factory) -> Path:
    """A 2-second 320×240 25 fps H.264 MP4 (50 frames), made once per run by the wheel's ffmpeg."""
    out = tmp_path_factory.mktemp("clips") / "clip.mp4"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=duration=2:size=320x240:rate=25",
        "-pix_fmt",
        "yuv420p",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        str(out),
    )
    return out


@pytest.fixture(scope="session")
def clip_bytes(clip_path) -> bytes:
    return clip_path.read_bytes()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    """Local storage goes to a fresh folder per test."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


# An MP4 `ftyp` box: what a browser's first bytes of a video look like.
MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"


def video_head(size: int, data: bytes | None = None) -> str:
    """The `head` an upload start sends: base64 of the file's first min(size, 512) bytes — of
    `data` when given, else of an MP4 header (a client declaring a video it may not upload)."""
    sample = data if data is not None else MP4_HEAD.ljust(SNIFF_BYTES, b"\0")
    return base64.b64encode(sample[: min(size, SNIFF_BYTES)]).decode()


def put_file(media_root: Path, version: Version, data: bytes) -> Version:
    """Places bytes where a local-storage version's file is expected."""
    target = media_root / version.file.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return version


# --- S3 through a real S3 API (moto_server on loopback) -------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def moto_endpoint():
    port = _free_port()
    binary = Path(sys.executable).parent / "moto_server"
    process = subprocess.Popen(
        [str(binary if binary.exists() else shutil.which("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            requests.get(endpoint, timeout=2)
            break
        except (requests.ConnectionError, requests.Timeout):  # not listening yet, or still loading
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("moto_server did not start")
            time.sleep(0.1)
    try:
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def s3(settings, moto_endpoint):
    """Points django-storages at a fresh bucket on the moto server."""
    bucket = f"vp-test-{uuid.uuid4().hex[:12]}"
    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}
    client = boto3.client("s3", endpoint_url=moto_endpoint, **credentials)
    client.create_bucket(Bucket=bucket)
    settings.AWS_ACCESS_KEY_ID = "testing"
    settings.AWS_SECRET_ACCESS_KEY = "testing"
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_S3_ENDPOINT_URL = moto_endpoint
    settings.AWS_STORAGE_BUCKET_NAME = bucket
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "apps.core.storage.S3Storage"}}
    return SimpleNamespace(client=client, bucket=bucket, endpoint=moto_endpoint)


# --- a project under review ------------------------------------------------------------------


@dataclass
class Review:
    ctx: ProjectWithRoles
    asset: Asset
    version: Version  # ready: 10 s at 25 fps
    feedback: Feedback  # top-level, by the reviewer
    link: ShareLink  # comment permission, no password
    other_asset: Asset  # the second project's
    other_version: Version
    other_feedback: Feedback
    other_link: ShareLink

    @property
    def project(self):
        return self.ctx.project

    @property
    def users(self):
        return self.ctx.users

    def client(self, actor: str):
        return self.ctx.client(actor)


@pytest.fixture
def review(project_with_roles) -> Review:  # noqa: F811 — the imported fixture
    ctx = project_with_roles
    asset = AssetFactory(project=ctx.project, title="메인 편집본")
    version = VersionFactory(asset=asset, number=1)
    other_asset = AssetFactory(project=ctx.other)
    other_version = VersionFactory(asset=other_asset, number=1)
    return Review(
        ctx=ctx,
        asset=asset,
        version=version,
        feedback=FeedbackFactory(version=version, author=ctx.users[Role.REVIEWER], body="컷 전환이 빨라요"),
        link=ShareLinkFactory(version=version),
        other_asset=other_asset,
        other_version=other_version,
        other_feedback=FeedbackFactory(version=other_version),
        other_link=ShareLinkFactory(version=other_version),
    )
