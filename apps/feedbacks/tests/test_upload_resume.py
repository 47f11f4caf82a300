"""Large uploads against a real S3 API (moto_server on loopback; API calls through the test
client, parts PUT over HTTP as a browser does): a non-video is refused at start from the first
bytes the browser sends, before any part exists; an interrupted upload is resumed from what
storage lists; only the uploader reaches an upload, and another project's ids are not found."""

import base64

import pytest
import requests

from apps.core.tests.assertions import assert_error
from apps.feedbacks.models import Upload, Version
from apps.projects.models import Role
from apps.projects.tests.conftest import client_for

from .conftest import url, video_head

pytestmark = pytest.mark.django_db

MIB = 1024 * 1024
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20


@pytest.fixture(autouse=True)
def eight_mib_parts(settings):
    settings.UPLOAD_PART_SIZE = 8 * MIB


@pytest.fixture
def video(clip_bytes) -> bytes:
    """Three parts (8, 8 and a short one) that start like a real MP4."""
    return clip_bytes + b"\0" * (16 * MIB + 4321 - len(clip_bytes))


def start(client, asset, data: bytes, *, name="cut.mp4", head=None):
    body = {"name": name, "size": len(data), "content_type": "video/mp4", "head": head or video_head(len(data), data)}
    return client.post(url("asset-uploads", asset_id=asset.pk), body, format="json")


def put(session: dict, data: bytes, numbers: set[int]) -> dict[int, str]:
    etags = {}
    for part in session["parts"]:
        if part["number"] in numbers:
            offset = (part["number"] - 1) * session["part_size"]
            response = requests.put(part["url"], data=data[offset : offset + part["size"]], timeout=30)
            assert response.status_code == 200, response.text
            etags[part["number"]] = response.headers["ETag"]
    return etags


def open_uploads(s3) -> list[dict]:
    return s3.client.list_multipart_uploads(Bucket=s3.bucket).get("Uploads", [])


# --- refused before any byte is sent -------------------------------------------------------


@pytest.mark.parametrize(
    "first_bytes",
    [PDF, b"\x89PNG\r\n\x1a\n" + b"\0" * 600, b"PK\x03\x04" + b"\0" * 600, "자막 파일입니다\n".encode() * 60],
    ids=["pdf", "png", "zip", "text"],
)
def test_start_refuses_a_file_whose_first_bytes_are_not_a_video(review, s3, first_bytes):
    data = first_bytes + b"\0" * (20 * MIB)

    response = start(review.client(Role.EDITOR), review.asset, data, name="cut.mp4")

    error = assert_error(response, 415, "not_a_video")
    assert "동영상" in error["message"]  # Korean by default
    assert open_uploads(s3) == []  # nothing was started in storage
    assert not Upload.objects.exists()
    assert Version.objects.filter(asset=review.asset).count() == 1


def test_start_answers_in_english_for_an_english_client(review, s3):
    response = review.client(Role.EDITOR).post(
        url("asset-uploads", asset_id=review.asset.pk),
        {"name": "a.mp4", "size": 10 * MIB, "content_type": "video/mp4", "head": video_head(10 * MIB, PDF)},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    error = assert_error(response, 415, "not_a_video")
    assert error["message"].startswith("The file does not look like a video")


@pytest.mark.parametrize(
    ("head", "why"),
    [
        (None, "missing"),
        ("not base64!", "garbled"),
        (base64.b64encode(b"\x00\x00\x00\x20ftypisom").decode(), "shorter than 512 bytes of a larger file"),
        (base64.b64encode(b"\x00\x00\x00\x20ftypisom" + b"\0" * 600).decode(), "longer than 512 bytes"),
    ],
)
def test_start_needs_the_files_first_bytes(review, s3, head, why):
    body = {"name": "a.mp4", "size": 10 * MIB, "content_type": "video/mp4"}
    if head is not None:
        body["head"] = head

    response = review.client(Role.EDITOR).post(url("asset-uploads", asset_id=review.asset.pk), body, format="json")

    assert_error(response, 400, "validation_error", details={"head"})
    assert open_uploads(s3) == [], why


def test_a_file_smaller_than_the_sample_sends_all_of_it(review, s3, clip_bytes):
    small = clip_bytes[:300]
    response = start(review.client(Role.EDITOR), review.asset, small, head=base64.b64encode(small).decode())
    assert response.status_code == 201, response.content


# --- resume after a reload -----------------------------------------------------------------


def test_resume_lists_the_stored_parts_and_signs_only_the_missing_ones(review, s3, video):
    editor = review.client(Role.EDITOR)
    session = start(editor, review.asset, video).json()
    sent = put(session, video, {1, 3})

    # After a reload the browser knows only the upload id (kept in localStorage).
    after_reload = client_for(review.users[Role.EDITOR]).get(url("upload-detail", upload_id=session["id"]))

    assert after_reload.status_code == 200
    resumed = after_reload.json()
    assert resumed["state"] == "pending"
    assert (resumed["size"], resumed["part_size"], resumed["part_count"]) == (len(video), 8 * MIB, 3)
    assert [(p["number"], p["etag"], p["size"]) for p in resumed["uploaded_parts"]] == [
        (1, sent[1], 8 * MIB),
        (3, sent[3], len(video) - 16 * MIB),
    ]
    assert [p["number"] for p in resumed["parts"]] == [2]
    sent |= put(resumed, video, {2})
    parts = [{"number": n, "etag": sent[n]} for n in (1, 2, 3)]
    done = editor.post(url("upload-complete", upload_id=session["id"]), {"parts": parts}, format="json")
    assert done.status_code == 200, done.content
    stored = s3.client.get_object(Bucket=s3.bucket, Key=Version.objects.get(pk=done.json()["id"]).file.name)
    assert stored["Body"].read() == video


def test_a_finished_upload_resumes_as_completed_with_nothing_to_send(review, s3, video):
    editor = review.client(Role.EDITOR)
    session = start(editor, review.asset, video).json()
    sent = put(session, video, {1, 2, 3})
    parts = [{"number": n, "etag": sent[n]} for n in (1, 2, 3)]
    completed = editor.post(url("upload-complete", upload_id=session["id"]), {"parts": parts}, format="json")
    assert completed.status_code == 200

    resumed = editor.get(url("upload-detail", upload_id=session["id"])).json()

    assert resumed["state"] == "completed"
    assert (resumed["parts"], resumed["uploaded_parts"]) == ([], [])


# --- who reaches an upload -----------------------------------------------------------------


def test_another_projects_upload_is_not_found(review, s3, video):
    outsider_owner = client_for(review.ctx.other.owner)
    theirs = start(outsider_owner, review.other_asset, video).json()
    editor = review.client(Role.EDITOR)
    routes = [
        ("get", url("upload-detail", upload_id=theirs["id"]), None),
        ("post", url("upload-part-urls", upload_id=theirs["id"]), {"numbers": [1]}),
        ("post", url("upload-complete", upload_id=theirs["id"]), {"parts": [{"number": 1, "etag": '"x"'}]}),
        ("delete", url("upload-detail", upload_id=theirs["id"]), None),
    ]

    for method, path, body in routes:
        assert_error(getattr(editor, method)(path, body, format="json"), 404, "not_found")

    assert Upload.objects.get(pk=theirs["id"]).state == Upload.State.PENDING
    assert len(open_uploads(s3)) == 1


@pytest.mark.parametrize(
    ("actor", "status", "code"),
    [
        (Role.REVIEWER, 403, "permission_denied"),
        (Role.VIEWER, 403, "permission_denied"),
        (Role.MANAGER, 403, "upload_not_yours"),  # may upload, but this upload is the editor's
        ("non_member", 404, "not_found"),
    ],
)
def test_only_the_uploader_resumes_an_upload(review, s3, video, actor, status, code):
    session = start(review.client(Role.EDITOR), review.asset, video).json()

    for path, body in (
        (url("upload-detail", upload_id=session["id"]), None),
        (url("upload-part-urls", upload_id=session["id"]), {"numbers": [2]}),
    ):
        method = "get" if body is None else "post"
        assert_error(getattr(review.client(actor), method)(path, body, format="json"), status, code)


def test_reviewers_cannot_start_an_upload(review, s3, video):
    for actor in (Role.REVIEWER, Role.VIEWER):
        assert_error(start(review.client(actor), review.asset, video), 403, "permission_denied")
    assert open_uploads(s3) == []
