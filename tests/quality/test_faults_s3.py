"""Fault injection: the S3 endpoint fails part uploads. A small proxy on loopback sits in
front of moto_server (every presigned URL and every server call go through it) and breaks
the first attempt at two parts: one answered 500 InternalError, one cut off mid-body. The
client resumes the way the frontend does (ask the upload which parts storage holds, PUT the
missing ones again) and Complete assembles exactly the file."""

import base64
import socket
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests

from apps.feedbacks.models import Version
from apps.feedbacks.tests.conftest import moto_endpoint  # noqa: F401 — the session fixture
from apps.projects.models import Role

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

MIB = 1024 * 1024
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class FaultyS3Proxy:
    """Forwards everything to `upstream`; `faults[part_number]` says how the next PUT of
    that part fails ("500" or "cut"), once."""

    def __init__(self, upstream: str):
        self.upstream = upstream
        self.faults: dict[int, str] = {}
        self.injected: list[tuple[int, str]] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                query = parse_qs(urlsplit(self.path).query)
                number = int(query["partNumber"][0]) if self.command == "PUT" and "partNumber" in query else None
                fault = proxy.faults.pop(number, None) if number else None
                if fault == "cut":
                    self.rfile.read(length // 2)
                    proxy.injected.append((number, fault))
                    self.connection.shutdown(socket.SHUT_RDWR)  # the network drops mid-part
                    self.close_connection = True
                    return
                body = self.rfile.read(length) if length else b""
                if fault == "500":
                    proxy.injected.append((number, fault))
                    error = (
                        b"<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>"
                    )
                    self.send_response(500)
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(error)))
                    self.end_headers()
                    self.wfile.write(error)
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
                answer = requests.request(
                    self.command, proxy.upstream + self.path, data=body, headers=headers, timeout=30
                )
                self.send_response(answer.status_code)
                for key, value in answer.headers.items():
                    if key.lower() not in HOP_HEADERS:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _forward  # noqa: N815

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def faulty_s3(settings, moto_endpoint):  # noqa: F811
    proxy = FaultyS3Proxy(moto_endpoint)
    bucket = f"vp-fault-{uuid.uuid4().hex[:12]}"
    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}
    client = boto3.client("s3", endpoint_url=moto_endpoint, **credentials)
    client.create_bucket(Bucket=bucket)
    settings.AWS_ACCESS_KEY_ID = settings.AWS_SECRET_ACCESS_KEY = "testing"
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_S3_ENDPOINT_URL = proxy.url
    settings.AWS_STORAGE_BUCKET_NAME = bucket
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "apps.core.storage.S3Storage"}}
    settings.UPLOAD_PART_SIZE = 8 * MIB
    yield SimpleNamespace(proxy=proxy, client=client, bucket=bucket)
    proxy.close()


def _put(part: dict, data: bytes, part_size: int) -> requests.Response | None:
    offset = (part["number"] - 1) * part_size
    try:
        return requests.put(part["url"], data=data[offset : offset + part["size"]], timeout=30)
    except requests.ConnectionError:
        return None  # what a browser sees when the network drops


def test_failed_parts_are_uploaded_again_and_complete_assembles_the_file(world, faulty_s3):
    video = world.clip + b"\0" * (16 * MIB + 12345 - len(world.clip))  # parts of 8, 8 and ~0 MiB
    editor = world.client(Role.EDITOR)
    faulty_s3.proxy.faults = {2: "500", 3: "cut"}

    session = editor.post(
        f"/api/v1/assets/{world.a.asset.pk}/uploads/",
        {
            "name": "master.mov",
            "size": len(video),
            "content_type": "video/quicktime",
            "head": base64.b64encode(video[:512]).decode(),
        },
        format="json",
    ).json()
    assert [part["number"] for part in session["parts"]] == [1, 2, 3]
    assert all(part["url"].startswith(faulty_s3.proxy.url) for part in session["parts"])

    first_try = {part["number"]: _put(part, video, session["part_size"]) for part in session["parts"]}
    assert first_try[1].status_code == 200
    assert first_try[2].status_code == 500
    assert first_try[3] is None or first_try[3].status_code >= 500
    assert sorted(faulty_s3.proxy.injected) == [(2, "500"), (3, "cut")]

    # Resume: the upload says which parts storage holds and signs URLs for the others only.
    resumed = editor.get(f"/api/v1/uploads/{session['id']}/").json()
    assert [part["number"] for part in resumed["uploaded_parts"]] == [1]
    assert [part["number"] for part in resumed["parts"]] == [2, 3]
    for part in resumed["parts"]:
        assert _put(part, video, session["part_size"]).status_code == 200

    held = editor.get(f"/api/v1/uploads/{session['id']}/").json()["uploaded_parts"]
    response = editor.post(
        f"/api/v1/uploads/{session['id']}/complete/",
        {"parts": [{"number": part["number"], "etag": part["etag"]} for part in held]},
        format="json",
    )

    assert response.status_code == 200, response.content
    version = Version.objects.get(pk=response.json()["id"])
    stored = faulty_s3.client.get_object(Bucket=faulty_s3.bucket, Key=version.file.name)["Body"].read()
    assert stored == video
    assert faulty_s3.client.list_multipart_uploads(Bucket=faulty_s3.bucket).get("Uploads", []) == []
