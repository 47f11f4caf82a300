"""Local media (embedded mode) is served with Range support so browsers can seek in video."""

import pytest
from django.test import override_settings


@pytest.fixture
def media_file(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "versions").mkdir()
    path = tmp_path / "versions" / "clip.mp4"
    path.write_bytes(bytes(range(256)) * 4)  # 1024 bytes
    return path


def test_media_serves_the_whole_file_with_accept_ranges(client, media_file):
    response = client.get("/media/versions/clip.mp4")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == media_file.read_bytes()
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"


def test_media_answers_a_byte_range_with_206(client, media_file):
    response = client.get("/media/versions/clip.mp4", HTTP_RANGE="bytes=10-19")
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 10-19/1024"
    assert b"".join(response.streaming_content) == media_file.read_bytes()[10:20]


def test_media_answers_open_and_suffix_ranges(client, media_file):
    response = client.get("/media/versions/clip.mp4", HTTP_RANGE="bytes=1000-")
    assert response["Content-Range"] == "bytes 1000-1023/1024"
    assert len(b"".join(response.streaming_content)) == 24
    response = client.get("/media/versions/clip.mp4", HTTP_RANGE="bytes=-4")
    assert response["Content-Range"] == "bytes 1020-1023/1024"


def test_media_refuses_a_range_past_the_end(client, media_file):
    response = client.get("/media/versions/clip.mp4", HTTP_RANGE="bytes=5000-")
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"


def test_media_refuses_paths_outside_media_root_and_missing_files(client, media_file):
    assert client.get("/media/../settings.py").status_code == 404
    assert client.get("/media/versions/nope.mp4").status_code == 404


@override_settings(DEBUG=False)
def test_media_refuses_writes(client, media_file):
    assert client.post("/media/versions/clip.mp4").status_code == 405
