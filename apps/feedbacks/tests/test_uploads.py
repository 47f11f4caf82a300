"""Uploads in the embedded mode (local storage): small files through the API, large ones
through the same presigned-multipart API whose part URLs point at a signed Django endpoint."""

import hashlib
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from apps.core.tests.assertions import assert_error
from apps.feedbacks.models import CarriedFeedback, Upload, Version
from apps.feedbacks.services import version_stream
from apps.feedbacks.tasks import sweep_uploads
from apps.projects.models import Role
from apps.projects.services import project_stream

from .conftest import stream_types, url, video_head
from .factories import FeedbackFactory

pytestmark = pytest.mark.django_db

MIB = 1024 * 1024


def small_upload(client, asset, data: bytes, name="clip.mp4", content_type="video/mp4", **extra):
    body = {"file": SimpleUploadedFile(name, data, content_type=content_type), **extra}
    return client.post(url("asset-versions", asset_id=asset.pk), body, format="multipart")


def stored_files(media_root) -> list:
    return [p for p in media_root.rglob("*") if p.is_file() and ".multipart" not in p.parts]


# --- small files ---------------------------------------------------------------------------


def test_small_upload_creates_a_processing_version_that_becomes_ready(
    review, clip_bytes, media_root, django_capture_on_commit_callbacks
):
    editor = review.client(Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = small_upload(editor, review.asset, clip_bytes, label="색보정 전")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == 2  # the fixture's version is v1
    assert body["status"] == "processing"
    assert body["label"] == "색보정 전"
    assert body["checksum"] == "sha256:" + hashlib.sha256(clip_bytes).hexdigest()
    assert body["size"] == len(clip_bytes)
    assert body["uploaded_by"]["id"] == str(review.users[Role.EDITOR].pk)
    version = Version.objects.get(pk=body["id"])
    assert (media_root / version.file.name).read_bytes() == clip_bytes
    # Eager Celery ran the processing task after commit.
    assert version.status == Version.Status.READY, version.failure_reason
    assert (version.frame_count, version.fps) == (50, 25)
    assert stream_types(version_stream(version)) == ["version.created", "version.ready"]
    assert stream_types(project_stream(review.project)) == ["version.created", "version.ready"]

    detail = editor.get(url("version-detail", version_id=version.pk)).json()
    assert detail["status"] == "ready"
    assert detail["file_url"].startswith("http://testserver/media/versions/")
    poster = Client().get(detail["poster_url"])  # signed: works without credentials
    assert (poster.status_code, poster["Content-Type"]) == (200, "image/jpeg")
    assert b"".join(poster.streaming_content).startswith(b"\xff\xd8")


def test_a_new_version_carries_over_unresolved_feedback(review, clip_bytes):
    resolved = FeedbackFactory(version=review.version, resolved_at=timezone.now())
    deleted = FeedbackFactory(version=review.version, deleted_at=timezone.now())
    reply = FeedbackFactory(version=review.version, parent=review.feedback)

    response = small_upload(review.client(Role.EDITOR), review.asset, clip_bytes)

    assert response.status_code == 201
    carried = set(CarriedFeedback.objects.filter(version_id=response.json()["id"]).values_list("feedback", flat=True))
    assert carried == {review.feedback.pk}
    assert not {resolved.pk, deleted.pk, reply.pk} & carried


def test_small_upload_over_the_limit_is_413_and_stores_nothing(review, clip_bytes, media_root, settings):
    settings.UPLOAD_SMALL_MAX_BYTES = 1000

    response = small_upload(review.client(Role.EDITOR), review.asset, clip_bytes)

    assert_error(response, 413, "payload_too_large")
    assert Version.objects.filter(asset=review.asset).count() == 1
    assert stored_files(media_root) == []


def test_wrong_content_type_is_415(review, clip_bytes, media_root):
    response = small_upload(
        review.client(Role.EDITOR), review.asset, clip_bytes, name="clip.png", content_type="image/png"
    )

    error = assert_error(response, 415, "unsupported_media_type")
    assert "video/mp4" in error["details"]["allowed"]
    assert stored_files(media_root) == []


def test_content_type_is_taken_from_the_name_when_the_browser_sends_none(review, clip_bytes):
    response = small_upload(
        review.client(Role.EDITOR), review.asset, clip_bytes, name="cut.mov", content_type="application/octet-stream"
    )

    assert response.status_code == 201
    assert response.json()["content_type"] == "video/quicktime"


def test_a_non_video_file_declared_as_video_is_415(review, media_root):
    response = small_upload(review.client(Role.EDITOR), review.asset, b"%PDF-1.7 not a video" * 100)

    assert_error(response, 415, "not_a_video")
    assert Version.objects.filter(asset=review.asset).count() == 1
    assert stored_files(media_root) == []


def test_a_zero_byte_file_is_400(review, media_root):
    response = small_upload(review.client(Role.EDITOR), review.asset, b"")

    assert_error(response, 400, "validation_error", details={"file"})
    assert stored_files(media_root) == []


def test_small_upload_as_json_is_415_and_unknown_fields_400(review, clip_bytes):
    editor = review.client(Role.EDITOR)
    assert_error(
        editor.post(url("asset-versions", asset_id=review.asset.pk), {"file": "x"}, format="json"),
        415,
        "unsupported_media_type",
    )
    response = small_upload(editor, review.asset, clip_bytes, number="7")
    assert_error(response, 400, "validation_error", details={"number"})


# --- multipart through the local stand-in --------------------------------------------------


def start(client, asset, size: int, name="big.mp4", content_type="video/mp4", head=None):
    return client.post(
        url("asset-uploads", asset_id=asset.pk),
        {"name": name, "size": size, "content_type": content_type, "head": head or video_head(size)},
        format="json",
    )


def put_parts(client, session: dict, data: bytes) -> list[dict]:
    done = []
    for part in session["parts"]:
        chunk = data[(part["number"] - 1) * session["part_size"] : part["number"] * session["part_size"]]
        assert len(chunk) == part["size"]
        response = client.put(part["url"], chunk, content_type="application/octet-stream")
        assert response.status_code == 200, response.content
        done.append({"number": part["number"], "etag": response["ETag"]})
    return done


def big_video(clip_bytes: bytes, size: int = 8 * MIB + 5000) -> bytes:
    """A file the size of two parts whose first bytes are a real MP4."""
    return clip_bytes + b"\0" * (size - len(clip_bytes))


def test_multipart_upload_end_to_end_in_embedded_mode(review, clip_bytes, media_root, api_client):
    data = big_video(clip_bytes)
    editor = review.client(Role.EDITOR)

    response = start(editor, review.asset, len(data))

    assert response.status_code == 201, response.content
    session = response.json()
    assert session["backend"] == "local"
    assert (session["part_size"], session["part_count"]) == (16 * MIB, 1)
    assert session["version"]["status"] == "uploading"
    assert session["url_expires_in"] == 3600
    # Others do not see a version that has not arrived.
    others = review.client(Role.OWNER).get(url("asset-versions", asset_id=review.asset.pk)).json()["results"]
    assert session["version"]["id"] not in {v["id"] for v in others}

    parts = put_parts(api_client, session, data)  # no login: the signature is the permission
    resumed = editor.get(url("upload-detail", upload_id=session["id"])).json()
    assert [p["number"] for p in resumed["uploaded_parts"]] == [p["number"] for p in parts]
    assert resumed["parts"] == []

    response = editor.post(url("upload-complete", upload_id=session["id"]), {"parts": parts}, format="json")

    assert response.status_code == 200, response.content
    version = Version.objects.get(pk=response.json()["id"])
    assert version.status == Version.Status.PROCESSING
    assert version.size == len(data)
    assert version.checksum.startswith("s3-etag:") and version.checksum.endswith(f"-{len(parts)}")
    assert (media_root / version.file.name).read_bytes() == data
    assert Upload.objects.get(pk=session["id"]).state == Upload.State.COMPLETED
    assert not (media_root / ".multipart").exists() or not any((media_root / ".multipart").iterdir())
    assert stream_types(version_stream(version)) == ["version.created"]


def test_multipart_with_two_parts(review, clip_bytes, media_root, api_client, settings):
    settings.UPLOAD_PART_SIZE = 8 * MIB
    data = big_video(clip_bytes)
    editor = review.client(Role.EDITOR)
    session = start(editor, review.asset, len(data)).json()
    assert (session["part_size"], session["part_count"]) == (8 * MIB, 2)
    assert [p["size"] for p in session["parts"]] == [8 * MIB, 5000]

    parts = put_parts(api_client, session, data)
    response = editor.post(url("upload-complete", upload_id=session["id"]), {"parts": parts}, format="json")

    assert response.status_code == 200, response.content
    assert (media_root / Version.objects.get(pk=response.json()["id"]).file.name).read_bytes() == data


@pytest.fixture
def two_part_session(review, clip_bytes, api_client, settings):
    settings.UPLOAD_PART_SIZE = 8 * MIB
    data = big_video(clip_bytes)
    session = start(review.client(Role.EDITOR), review.asset, len(data)).json()
    return session, put_parts(api_client, session, data)


def complete(review, session, parts, actor=Role.EDITOR):
    return review.client(actor).post(url("upload-complete", upload_id=session["id"]), {"parts": parts}, format="json")


def _unchanged(session) -> bool:
    upload = Upload.objects.get(pk=session["id"])
    return (
        upload.state == Upload.State.PENDING and Version.objects.get(pk=session["version"]["id"]).status == "uploading"
    )


def test_complete_refuses_parts_out_of_order(review, two_part_session):
    session, parts = two_part_session
    error = assert_error(complete(review, session, list(reversed(parts))), 400, "invalid_parts")
    assert error["details"]["parts"] == ["out_of_order"]
    assert _unchanged(session)


def test_complete_refuses_wrong_etags(review, two_part_session):
    session, parts = two_part_session
    parts[1]["etag"] = '"0123456789abcdef0123456789abcdef"'
    error = assert_error(complete(review, session, parts), 400, "invalid_parts")
    assert (error["details"]["parts"], error["details"]["wrong"]) == (["etag_mismatch"], [2])
    assert _unchanged(session)


def test_complete_refuses_a_missing_part(review, two_part_session):
    session, parts = two_part_session
    error = assert_error(complete(review, session, parts[:1]), 400, "invalid_parts")
    assert (error["details"]["parts"], error["details"]["missing"]) == (["incomplete"], [2])
    assert _unchanged(session)


def test_complete_refuses_parts_not_uploaded(review, clip_bytes, settings):
    settings.UPLOAD_PART_SIZE = 8 * MIB
    session = start(review.client(Role.EDITOR), review.asset, 8 * MIB + 10).json()
    parts = [{"number": 1, "etag": '"aa"'}, {"number": 2, "etag": '"bb"'}]
    error = assert_error(complete(review, session, parts), 400, "invalid_parts")
    assert error["details"]["parts"] == ["not_uploaded"]


def test_completing_someone_elses_upload_is_refused(review, two_part_session):
    session, parts = two_part_session
    assert_error(complete(review, session, parts, actor=Role.MANAGER), 403, "upload_not_yours")
    assert_error(complete(review, session, parts, actor="non_member"), 404, "not_found")
    assert _unchanged(session)


def test_complete_twice_is_409(review, two_part_session):
    session, parts = two_part_session
    assert complete(review, session, parts).status_code == 200
    assert_error(complete(review, session, parts), 409, "upload_not_pending")


def test_complete_of_a_file_that_is_not_video_is_415_and_discards_everything(review, api_client, media_root, settings):
    """A client that sent a video's first bytes at start but uploads text: the stored file is checked."""
    data = b"just text, no video here\n" * 400
    session = start(review.client(Role.EDITOR), review.asset, len(data)).json()
    parts = put_parts(api_client, session, data)

    assert_error(complete(review, session, parts), 415, "not_a_video")

    assert Upload.objects.get(pk=session["id"]).state == Upload.State.ABORTED
    assert not Version.objects.filter(pk=session["version"]["id"]).exists()
    assert stored_files(media_root) == []


def test_abort_drops_parts_and_the_waiting_version(review, two_part_session, media_root):
    session, parts = two_part_session
    editor = review.client(Role.EDITOR)

    assert editor.delete(url("upload-detail", upload_id=session["id"])).status_code == 204

    assert Upload.objects.get(pk=session["id"]).state == Upload.State.ABORTED
    assert not Version.objects.filter(pk=session["version"]["id"]).exists()
    assert not any((media_root / ".multipart").iterdir())
    assert editor.delete(url("upload-detail", upload_id=session["id"])).status_code == 204  # idempotent
    assert_error(complete(review, session, parts), 409, "upload_not_pending")


def test_a_part_larger_than_its_share_is_413(review, api_client, settings):
    settings.UPLOAD_PART_SIZE = 8 * MIB
    session = start(review.client(Role.EDITOR), review.asset, 8 * MIB + 10).json()
    last = session["parts"][1]

    response = api_client.put(last["url"], b"x" * 11, content_type="application/octet-stream")

    assert_error(response, 413, "payload_too_large")
    assert review.client(Role.EDITOR).get(url("upload-detail", upload_id=session["id"])).json()["uploaded_parts"] == []


def test_part_urls_need_a_valid_unexpired_signature(review, api_client):
    session = start(review.client(Role.EDITOR), review.asset, 1000).json()
    part_url = urlparse(session["parts"][0]["url"])
    query = parse_qs(part_url.query)

    tampered = f"{part_url.path}?expires={query['expires'][0]}&signature={'0' * 64}"
    expired = f"{part_url.path}?expires=1000&signature={query['signature'][0]}"
    other_part = part_url.path.replace("/parts/1/", "/parts/2/") + "?" + part_url.query
    for bad in (tampered, expired, other_part, part_url.path):
        assert_error(api_client.put(bad, b"x", content_type="application/octet-stream"), 403, "signature_invalid")


def test_more_part_urls_on_request(review, settings):
    settings.UPLOAD_PART_SIZE = 8 * MIB
    editor = review.client(Role.EDITOR)
    session = start(editor, review.asset, 8 * MIB * 3).json()

    response = editor.post(url("upload-part-urls", upload_id=session["id"]), {"numbers": [3, 1]}, format="json")

    assert response.status_code == 200
    assert [p["number"] for p in response.json()["parts"]] == [1, 3]
    bad = editor.post(url("upload-part-urls", upload_id=session["id"]), {"numbers": [4]}, format="json")
    assert_error(bad, 400, "validation_error", details={"numbers"})


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"name": "huge.mp4", "size": 10**13, "content_type": "video/mp4"}, 413, "payload_too_large"),
        ({"name": "notes.txt", "size": 100, "content_type": "text/plain"}, 415, "unsupported_media_type"),
        ({"name": "empty.mp4", "size": 0, "content_type": "video/mp4"}, 400, "validation_error"),
        ({"name": "neg.mp4", "size": -5, "content_type": "video/mp4"}, 400, "validation_error"),
    ],
    ids=["too-big", "wrong-type", "zero-bytes", "negative"],
)
def test_upload_start_refuses_bad_declarations(review, body, status, code):
    body = {**body, "head": video_head(max(body["size"], 1))}
    response = review.client(Role.EDITOR).post(url("asset-uploads", asset_id=review.asset.pk), body, format="json")
    assert_error(response, status, code)
    assert not Upload.objects.exists()
    assert Version.objects.filter(asset=review.asset).count() == 1


def test_stale_uploads_are_aborted_by_the_sweeper(review, media_root):
    session = start(review.client(Role.EDITOR), review.asset, 1000).json()
    fresh = start(review.client(Role.EDITOR), review.asset, 1000).json()
    Upload.objects.filter(pk=session["id"]).update(created_at=timezone.now() - timedelta(hours=25))

    result = sweep_uploads.delay().get()

    assert result["aborted"] == 1
    assert Upload.objects.get(pk=session["id"]).state == Upload.State.ABORTED
    assert not Version.objects.filter(pk=session["version"]["id"]).exists()
    assert Upload.objects.get(pk=fresh["id"]).state == Upload.State.PENDING


def test_versions_stuck_in_processing_are_requeued_then_failed(review, settings):
    from apps.feedbacks.tests.factories import VersionFactory

    stuck = VersionFactory(
        asset=review.asset, number=5, processing=True, processing_attempts=settings.PROCESSING_MAX_ATTEMPTS
    )
    Version.objects.filter(pk=stuck.pk).update(updated_at=timezone.now() - timedelta(hours=2))

    sweep_uploads.delay().get()

    stuck.refresh_from_db()
    assert (stuck.status, stuck.failure_code) == (Version.Status.FAILED, "processing_gave_up")
