"""Local media (embedded mode) is served only to signed, expiring URLs, with HTTP Range so
browsers can seek in video. Who is issued a URL is tested where the URLs are issued
(apps/feedbacks/tests/test_media_access.py); here: what a URL is good for."""

import time
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.core.files.storage import storages
from django.test import override_settings
from django.utils.http import http_date

from apps.core.media import signed_query

CLIP = "versions/asset/version/clip.mp4"


@pytest.fixture
def media_file(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    path = tmp_path / CLIP
    path.parent.mkdir(parents=True)
    path.write_bytes(bytes(range(256)) * 4)  # 1024 bytes
    return path


def signed(name: str = CLIP) -> str:
    return storages["default"].url(name)


def with_query(url: str, **changes) -> str:
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query.update(changes)
    return f"{parts.path}?{urlencode({k: v for k, v in query.items() if v is not None})}"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_signed_url_serves_the_whole_file_with_its_type_and_validators(client, media_file):
    url = signed()
    assert url.startswith(f"/media/{CLIP}?expires=")

    response = client.get(url)

    assert response.status_code == 200
    assert body(response) == media_file.read_bytes()
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Length"] == "1024"
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    max_age = int(response["Cache-Control"].removeprefix("private, max-age="))
    assert 3600 - 5 <= max_age <= 3600 + 600  # no longer than the URL is valid


def test_the_raw_path_without_a_signature_is_refused(client, media_file):
    response = client.get(f"/media/{CLIP}")

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/plain")
    assert b"not signed" in response.content


@pytest.mark.parametrize(
    "tamper",
    [
        lambda url: with_query(url, signature="A" + parse_qs(urlsplit(url).query)["signature"][0][1:]),
        lambda url: with_query(url, expires=str(int(parse_qs(urlsplit(url).query)["expires"][0]) + 86400)),
        lambda url: with_query(url, expires="soon"),
        lambda url: with_query(url, signature=None),
        lambda url: with_query(url.replace("clip.mp4", "other.mp4")),
    ],
    ids=["signature-changed", "expiry-extended", "expiry-not-a-number", "signature-dropped", "other-file"],
)
def test_an_altered_url_is_refused(client, media_file, tamper):
    (media_file.parent / "other.mp4").write_bytes(b"secret")

    response = client.get(tamper(signed()))

    assert response.status_code == 403
    assert b"not signed or was altered" in response.content


def test_an_expired_url_is_refused(client, media_file, settings):
    settings.MEDIA_URL_EXPIRY_SECONDS = 1
    url = signed()
    assert client.get(url).status_code == 200
    expires = int(parse_qs(urlsplit(url).query)["expires"][0])
    time.sleep(max(0.0, expires + 1 - time.time()))

    response = client.get(url)

    assert response.status_code == 403
    assert b"expired" in response.content


def test_urls_issued_within_minutes_are_the_same_and_valid_for_at_least_the_ttl(media_file, settings):
    settings.MEDIA_URL_EXPIRY_SECONDS = 3600
    before = time.time()
    first, second = signed(), signed()
    expires = int(parse_qs(urlsplit(first).query)["expires"][0])

    assert first == second
    assert before + 3600 <= expires <= before + 3600 + 600


def test_a_signed_url_answers_a_byte_range_with_206(client, media_file):
    response = client.get(signed(), HTTP_RANGE="bytes=10-19")

    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 10-19/1024"
    assert response["Content-Length"] == "10"
    assert response["Content-Type"] == "video/mp4"
    assert body(response) == media_file.read_bytes()[10:20]


def test_a_signed_url_answers_open_and_suffix_ranges(client, media_file):
    response = client.get(signed(), HTTP_RANGE="bytes=1000-")
    assert response["Content-Range"] == "bytes 1000-1023/1024"
    assert len(body(response)) == 24
    response = client.get(signed(), HTTP_RANGE="bytes=-4")
    assert response["Content-Range"] == "bytes 1020-1023/1024"


def test_a_range_past_the_end_is_refused_with_416(client, media_file):
    response = client.get(signed(), HTTP_RANGE="bytes=5000-")

    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"


def test_if_range_honours_the_range_only_for_the_same_file(client, media_file):
    etag = client.get(signed())["ETag"]
    last_modified = http_date(media_file.stat().st_mtime)

    assert client.get(signed(), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag).status_code == 206
    assert client.get(signed(), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=last_modified).status_code == 206
    changed = client.get(signed(), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"an-older-file"')
    assert changed.status_code == 200 and len(body(changed)) == 1024
    weak = client.get(signed(), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=f"W/{etag}")
    assert weak.status_code == 200


def test_conditional_gets_answer_304(client, media_file):
    first = client.get(signed())

    assert client.get(signed(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(signed(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(signed(), HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_signed_paths_outside_media_root_and_missing_files_are_not_found(client, media_file):
    # storage.url() never issues such a path (urljoin folds the ".."); the view holds anyway.
    assert client.get(f"/media/../settings.py?{signed_query('../settings.py')}").status_code == 404
    assert client.get(signed("versions/nope.mp4")).status_code == 404


def test_a_missing_file_without_a_signature_is_refused_not_found(client, media_file):
    """Like S3 without list rights: an unsigned request learns nothing about what exists."""
    assert client.get("/media/versions/nope.mp4").status_code == 403


@override_settings(DEBUG=False)
def test_media_refuses_writes(client, media_file):
    assert client.post(signed()).status_code == 405


def test_unicode_file_names_round_trip(client, media_file):
    name = "versions/asset/version/메인 편집본 v1.mp4"
    (media_file.parent / "메인 편집본 v1.mp4").write_bytes(b"korean")

    response = client.get(signed(name))

    assert response.status_code == 200
    assert body(response) == b"korean"
