"""Who gets a working media URL in embedded mode (no S3 bucket): the same people the S3 path
hands a presigned URL to — a project member, or a guest through a live share link — and only
until it expires. What a URL itself allows (Range, tampering, expiry) is in
apps/core/tests/test_media.py."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from apps.core.models import StreamEvent
from apps.feedbacks.services import version_stream
from apps.projects.models import Role

from .conftest import put_file, url

pytestmark = pytest.mark.django_db

VIDEO = bytes(range(256)) * 16  # 4 KiB stands in for the clip
POSTER = b"\xff\xd8\xff\xe0 poster"


@pytest.fixture
def stored(review, media_root):
    """The review's version with its file and poster on local disk."""
    version = review.version
    version.poster = f"posters/{version.asset_id}/{version.pk}.jpg"
    version.save(update_fields=["poster"])
    put_file(media_root, version, VIDEO)
    (media_root / version.poster.name).parent.mkdir(parents=True, exist_ok=True)
    (media_root / version.poster.name).write_bytes(POSTER)
    put_file(media_root, review.other_version, b"the other project's cut")
    return version


def fetch(media_url: str, **headers):
    """A browser fetching the URL: no credentials, just the URL (as a <video> element does)."""
    response = Client().get(media_url, **headers)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, content


def version_urls(client, version) -> tuple[str, str]:
    response = client.get(url("version-detail", version_id=version.pk))
    assert response.status_code == 200, response.content
    return response.json()["file_url"], response.json()["poster_url"]


def unsigned(media_url: str) -> str:
    return urlsplit(media_url).path


@pytest.mark.parametrize("role", [Role.VIEWER, Role.REVIEWER, Role.OWNER])
def test_a_member_gets_urls_that_work(review, stored, role):
    file_url, poster_url = version_urls(review.client(role), stored)

    assert file_url.startswith("http://testserver/media/versions/") and "signature=" in file_url
    response, content = fetch(file_url)
    assert (response.status_code, content, response["Content-Type"]) == (200, VIDEO, "video/mp4")
    response, content = fetch(poster_url)
    assert (response.status_code, content, response["Content-Type"]) == (200, POSTER, "image/jpeg")


def test_a_member_url_seeks_with_range_requests(review, stored):
    file_url, _ = version_urls(review.client(Role.VIEWER), stored)

    response, content = fetch(file_url, HTTP_RANGE="bytes=1024-2047")

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1024-2047/{len(VIDEO)}"
    assert content == VIDEO[1024:2048]


def test_lists_hand_out_signed_posters_too(review, stored):
    response = review.client(Role.VIEWER).get(url("project-assets", project_id=review.project.pk))

    poster_url = response.json()["results"][0]["latest_version"]["poster_url"]
    assert fetch(poster_url)[0].status_code == 200


@pytest.mark.parametrize("path", ["file", "poster"])
def test_anyone_on_the_raw_path_is_refused(review, stored, path):
    name = stored.file.name if path == "file" else stored.poster.name

    response, content = fetch(f"/media/{name}")

    assert response.status_code == 403
    assert VIDEO not in content and POSTER not in content


def test_an_outsider_gets_no_url_and_cannot_reuse_a_members_signature(review, stored):
    assert review.client("non_member").get(url("version-detail", version_id=stored.pk)).status_code == 404
    assert review.client("anonymous").get(url("version-detail", version_id=stored.pk)).status_code == 401
    file_url, _ = version_urls(review.client(Role.VIEWER), stored)

    other_file = file_url.replace(stored.file.name, review.other_version.file.name)

    assert fetch(other_file)[0].status_code == 403


def test_an_expired_url_is_refused(review, stored, settings):
    settings.MEDIA_URL_EXPIRY_SECONDS = 1
    file_url, _ = version_urls(review.client(Role.VIEWER), stored)
    assert fetch(file_url)[0].status_code == 200
    time.sleep(max(0.0, int(parse_qs(urlsplit(file_url).query)["expires"][0]) + 1 - time.time()))

    response, content = fetch(file_url)

    assert response.status_code == 403
    assert b"expired" in content


def test_a_tampered_url_is_refused(review, stored):
    file_url, _ = version_urls(review.client(Role.VIEWER), stored)
    expires = parse_qs(urlsplit(file_url).query)["expires"][0]

    later = file_url.replace(f"expires={expires}", f"expires={int(expires) + 30 * 86400}")

    assert fetch(later)[0].status_code == 403


def test_a_removed_member_gets_no_new_urls(review, stored):
    viewer = review.users[Role.VIEWER]
    client = review.client(Role.VIEWER)
    assert version_urls(client, stored)[0]

    removed = review.client(Role.OWNER).delete(url("project-member", project_id=review.project.pk, user_id=viewer.pk))
    assert removed.status_code == 204

    assert client.get(url("version-detail", version_id=stored.pk)).status_code == 404
    assert client.get(url("asset-versions", asset_id=review.asset.pk)).status_code == 404
    assert client.get(url("project-assets", project_id=review.project.pk)).status_code == 404


def test_a_guest_gets_working_urls_while_the_link_is_live_and_none_once_revoked(review, stored):
    guest = Client()
    page = guest.get(url("share-page", token=review.link.token))
    assert page.status_code == 200
    version = page.json()["version"]
    response, content = fetch(version["file_url"], HTTP_RANGE="bytes=0-99")
    assert (response.status_code, content) == (206, VIDEO[:100])
    assert fetch(version["poster_url"])[1] == POSTER

    revoked = review.client(Role.EDITOR).delete(url("share-link-detail", link_id=review.link.pk))
    assert revoked.status_code == 204

    page = guest.get(url("share-page", token=review.link.token))
    assert page.status_code == 410
    assert b"/media/" not in page.content
    # As on S3, a URL handed out before the revocation lasts until it expires (at most the TTL).
    assert fetch(version["file_url"])[0].status_code == 200


def test_an_expired_share_link_gets_no_urls(review, stored):
    review.link.expires_at = review.link.created_at
    review.link.save(update_fields=["expires_at"])

    page = Client().get(url("share-page", token=review.link.token))

    assert page.status_code == 410
    assert b"/media/" not in page.content


def test_realtime_payloads_carry_signed_relative_urls(review, stored):
    """Events go only to members (re-authorised per event); their URLs are signed like REST's,
    relative (the web app prefixes the API origin)."""
    response = review.client(Role.EDITOR).patch(
        url("version-detail", version_id=stored.pk), {"label": "director's cut"}, format="json"
    )
    assert response.status_code == 200, response.content

    event = StreamEvent.objects.filter(stream=version_stream(stored), type="version.updated").get()
    file_url = event.data["version"]["file_url"]
    assert file_url.startswith(f"/media/{stored.file.name}?expires=")
    assert fetch(file_url)[1] == VIDEO


def test_avatars_are_signed_like_every_other_upload(review, stored, media_root):
    reviewer = review.users[Role.REVIEWER]
    reviewer.avatar = "avatars/reviewer.png"
    reviewer.save(update_fields=["avatar"])
    (media_root / "avatars").mkdir()
    (media_root / "avatars" / "reviewer.png").write_bytes(b"\x89PNG avatar")

    feedback = review.client(Role.VIEWER).get(url("version-feedback", version_id=stored.pk)).json()["results"]
    avatar_url = next(item["author"]["avatar"] for item in feedback if item["author"]["id"] == str(reviewer.pk))
    me = review.client(Role.REVIEWER).get(url("users-me")).json()["avatar"]

    for signed in (avatar_url, me):
        response, content = fetch(signed)
        assert (response.status_code, content, response["Content-Type"]) == (200, b"\x89PNG avatar", "image/png")
    assert fetch(unsigned(me))[0].status_code == 403
