"""Presigned multipart uploads against a real S3 API: moto_server on loopback, parts PUT over
HTTP with `requests` the way a browser does, processing reading the object back from S3.
(moto is permissive about signatures and expiry — DESIGN §8 — so our own checks are what
these tests prove.)"""

import pytest
import requests
from django.core.files.base import ContentFile

from apps.core.tests.assertions import assert_error
from apps.feedbacks import services, storage
from apps.feedbacks.models import Upload, Version
from apps.projects.models import Role

from .conftest import url, video_head

pytestmark = pytest.mark.django_db

MIB = 1024 * 1024


def start(review, size: int, name="master.mov", content_type="video/quicktime", head=None):
    response = review.client(Role.EDITOR).post(
        url("asset-uploads", asset_id=review.asset.pk),
        {"name": name, "size": size, "content_type": content_type, "head": head or video_head(size)},
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def http_put_parts(session: dict, data: bytes, numbers=None) -> list[dict]:
    parts = []
    for part in session["parts"]:
        if numbers is not None and part["number"] not in numbers:
            continue
        offset = (part["number"] - 1) * session["part_size"]
        response = requests.put(part["url"], data=data[offset : offset + part["size"]], timeout=30)
        assert response.status_code == 200, response.text
        parts.append({"number": part["number"], "etag": response.headers["ETag"]})
    return parts


def complete(review, session, parts):
    return review.client(Role.EDITOR).post(
        url("upload-complete", upload_id=session["id"]), {"parts": parts}, format="json"
    )


def objects(s3) -> list[str]:
    return [item["Key"] for item in s3.client.list_objects_v2(Bucket=s3.bucket).get("Contents", [])]


def open_uploads(s3) -> list[str]:
    return [item["UploadId"] for item in s3.client.list_multipart_uploads(Bucket=s3.bucket).get("Uploads", [])]


@pytest.fixture
def video(clip_bytes) -> bytes:
    """Two 8 MiB parts and a short third; starts with a real MP4 (the rest is padding)."""
    return clip_bytes + b"\0" * (16 * MIB + 12345 - len(clip_bytes))


@pytest.fixture(autouse=True)
def eight_mib_parts(settings):
    settings.UPLOAD_PART_SIZE = 8 * MIB


def test_presigned_multipart_end_to_end(review, s3, video):
    session = start(review, len(video))
    assert session["backend"] == "s3"
    assert session["part_count"] == 3
    assert all(part["url"].startswith(s3.endpoint) for part in session["parts"])
    assert "uploadId=" in session["parts"][0]["url"] and "X-Amz-Signature=" in session["parts"][0]["url"]
    assert open_uploads(s3) == [Upload.objects.get(pk=session["id"]).upload_id]

    parts = http_put_parts(session, video)
    resumed = review.client(Role.EDITOR).get(url("upload-detail", upload_id=session["id"])).json()
    assert [(p["number"], p["etag"]) for p in resumed["uploaded_parts"]] == [(p["number"], p["etag"]) for p in parts]

    response = complete(review, session, parts)

    assert response.status_code == 200, response.content
    version = Version.objects.get(pk=response.json()["id"])
    assert version.status == Version.Status.PROCESSING
    assert version.checksum.endswith("-3")
    assert objects(s3) == [version.file.name]
    assert s3.client.get_object(Bucket=s3.bucket, Key=version.file.name)["Body"].read() == video
    assert open_uploads(s3) == []
    assert response.json()["file_url"].startswith(s3.endpoint)


def test_resume_after_a_pause_gives_urls_for_missing_parts_only(review, s3, video):
    session = start(review, len(video))
    http_put_parts(session, video, numbers={1, 3})

    resumed = review.client(Role.EDITOR).get(url("upload-detail", upload_id=session["id"])).json()

    assert [p["number"] for p in resumed["uploaded_parts"]] == [1, 3]
    assert [p["number"] for p in resumed["parts"]] == [2]
    http_put_parts(resumed, video)
    second = review.client(Role.EDITOR).get(url("upload-detail", upload_id=session["id"])).json()
    parts = [{"number": p["number"], "etag": p["etag"]} for p in second["uploaded_parts"]]
    assert complete(review, session, parts).status_code == 200


def test_complete_refuses_parts_that_exceed_the_declared_size(review, s3, video):
    """S3 (and moto) accept any part size on a presigned URL; we check the listed sizes."""
    session = start(review, len(video))
    parts = http_put_parts(session, video, numbers={1, 2})
    last = session["parts"][2]
    response = requests.put(last["url"], data=b"\0" * (last["size"] + 4096), timeout=30)
    parts.append({"number": 3, "etag": response.headers["ETag"]})

    assert_error(complete(review, session, parts), 413, "payload_too_large")

    assert Upload.objects.get(pk=session["id"]).state == Upload.State.PENDING
    assert objects(s3) == []


def test_complete_refuses_wrong_etags_checked_with_list_parts(review, s3, video):
    session = start(review, len(video))
    parts = http_put_parts(session, video)
    parts[0]["etag"] = parts[1]["etag"]

    error = assert_error(complete(review, session, parts), 400, "invalid_parts")

    assert error["details"]["parts"] == ["etag_mismatch"]
    assert objects(s3) == []


def test_a_short_upload_is_refused(review, s3, video):
    session = start(review, len(video))
    parts = http_put_parts(session, video, numbers={1, 2})
    last = session["parts"][2]
    response = requests.put(last["url"], data=b"\0" * 10, timeout=30)
    parts.append({"number": 3, "etag": response.headers["ETag"]})

    error = assert_error(complete(review, session, parts), 400, "invalid_parts")

    assert error["details"]["parts"] == ["size_mismatch"]


def test_abort_aborts_the_s3_upload(review, s3, video):
    session = start(review, len(video))
    http_put_parts(session, video, numbers={1})

    assert review.client(Role.EDITOR).delete(url("upload-detail", upload_id=session["id"])).status_code == 204

    assert open_uploads(s3) == []
    assert objects(s3) == []
    assert not Version.objects.filter(pk=session["version"]["id"]).exists()


def test_a_non_video_upload_is_deleted_from_the_bucket(review, s3):
    """The start's first bytes said video (a lying client); the stored object's say otherwise."""
    data = b"<html>not a video</html>" * 1000
    session = start(review, len(data), name="page.mp4", content_type="video/mp4")
    parts = http_put_parts(session, data)

    assert_error(complete(review, session, parts), 415, "not_a_video")

    assert objects(s3) == []
    assert Upload.objects.get(pk=session["id"]).state == Upload.State.ABORTED


def test_processing_reads_the_object_from_s3(review, s3, clip_bytes):
    session = start(review, len(clip_bytes), name="clip.mp4", content_type="video/mp4")
    parts = http_put_parts(session, clip_bytes)
    version_id = complete(review, session, parts).json()["id"]

    services.version_process(version_id=version_id)

    version = Version.objects.get(pk=version_id)
    assert version.status == Version.Status.READY, version.failure_reason
    assert (version.frame_count, version.width, version.height) == (50, 320, 240)
    poster = s3.client.get_object(Bucket=s3.bucket, Key=version.poster.name)["Body"].read()
    assert poster[:3] == b"\xff\xd8\xff"


def test_small_uploads_go_to_the_bucket_too(review, s3, clip_bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = review.client(Role.EDITOR).post(
        url("asset-versions", asset_id=review.asset.pk),
        {"file": SimpleUploadedFile("clip.mp4", clip_bytes, content_type="video/mp4")},
        format="multipart",
    )

    assert response.status_code == 201
    assert objects(s3) == [Version.objects.get(pk=response.json()["id"]).file.name]


def test_storage_outage_is_503_and_leaves_nothing(review, s3, settings):
    settings.AWS_S3_ENDPOINT_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.STORAGES = {**settings.STORAGES}
    response = review.client(Role.EDITOR).post(
        url("asset-uploads", asset_id=review.asset.pk),
        {"name": "a.mp4", "size": 100, "content_type": "video/mp4", "head": video_head(100)},
        format="json",
    )
    assert_error(response, 503, "storage_unavailable")
    assert not Upload.objects.exists()


def test_bucket_setup_command_sets_cors_and_lifecycle(s3, settings):
    from django.core.management import call_command

    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
    call_command("feedbacks_configure_bucket")

    cors = s3.client.get_bucket_cors(Bucket=s3.bucket)["CORSRules"][0]
    assert "ETag" in cors["ExposeHeaders"]
    assert "PUT" in cors["AllowedMethods"] and cors["AllowedOrigins"] == ["https://app.example.com"]
    rules = s3.client.get_bucket_lifecycle_configuration(Bucket=s3.bucket)["Rules"]
    assert rules[0]["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"] <= 7
    assert storage.uses_s3()


def test_complete_retried_after_storage_already_joined_the_parts(review, s3, video):
    """The first complete's answer was lost after S3 had joined the parts: the retry finds the
    object instead of the upload, and finishes."""
    session = start(review, len(video))
    parts = http_put_parts(session, video)
    upload = Upload.objects.get(pk=session["id"])
    backend = storage.S3Uploads()
    backend.complete(upload, backend.list_parts(upload))

    response = complete(review, session, parts)

    assert response.status_code == 200, response.content
    assert Version.objects.get(pk=response.json()["id"]).status == Version.Status.PROCESSING


def test_requests_in_new_threads_reuse_one_s3_connection(s3):
    """Daphne runs each request in a new thread: they must not each build a boto3 session."""
    import threading

    backing = storage.default_storage()
    backing.save("probe.txt", ContentFile(b"hello"))
    seen = []

    def request():  # what a request thread does: a presigned URL for a listing
        seen.append((backing.connection, backing.url("probe.txt")))

    for _ in range(2):
        thread = threading.Thread(target=request)
        thread.start()
        thread.join()

    assert seen[0][0] is seen[1][0] is backing.connection
    assert requests.get(seen[1][1], timeout=10).content == b"hello"


def test_with_a_bucket_the_local_media_route_serves_nothing(s3, settings, tmp_path, client):
    """Whether files under MEDIA_ROOT are served follows the storage in use at request time,
    not the one configured when the URLconf was first imported (which made this test, and the
    local-storage tests after any bucket test, depend on the order they ran in)."""
    from apps.core.media import signed_query

    (tmp_path / "media" / "stray.txt").write_bytes(b"left on disk")
    settings.MEDIA_ROOT = str(tmp_path / "media")

    response = client.get(f"/media/stray.txt?{signed_query('stray.txt')}")

    assert response.status_code == 404
