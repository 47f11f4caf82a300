"""Every feedbacks route × every kind of caller, expected statuses computed from the design's
role table (`permissions.ROLE_ACTIONS`): anonymous 401, a share-link guest on member routes
401, non-member 404, a member whose role lacks the action 403, otherwise 2xx. Then the
second project's ids (BOLA)."""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from apps.core.models import Notification, StreamEvent
from apps.core.tests.assertions import assert_error
from apps.feedbacks import storage
from apps.feedbacks.api import urls as feedback_urls
from apps.feedbacks.models import Asset, Feedback, Reaction, ShareLink, Upload, Version
from apps.projects.models import Activity, Role
from apps.projects.permissions import COMMENT, MANAGE, READ, RESOLVE, ROLE_ACTIONS, UPLOAD

from .conftest import ACTORS as PROJECT_ACTORS
from .conftest import Review
from .factories import FeedbackFactory

pytestmark = pytest.mark.django_db

ACTORS = (*PROJECT_ACTORS, "guest")
ERROR_CODES = {401: "not_authenticated", 403: "permission_denied", 404: "not_found"}


def user_of(review: Review, actor: str):
    """The actor's account, or the owner's for callers without one (their objects exist, but
    are not theirs to touch)."""
    return review.users.get(actor) or review.users[Role.OWNER]


def own_feedback(review: Review, actor: str) -> dict:
    return {"feedback_id": FeedbackFactory(version=review.version, author=user_of(review, actor)).pk}


def own_upload(review: Review, actor: str, *, with_part: bool = False) -> Upload:
    backend = storage.LocalUploads()
    data = review.clip
    version = Version.objects.create(
        asset=review.version.asset,
        number=Version.objects.filter(asset=review.version.asset).count() + 10,
        original_name="u.mp4",
        size=len(data),
        content_type="video/mp4",
        uploaded_by=user_of(review, actor),
    )
    upload = Upload.objects.create(
        asset=version.asset,
        version=version,
        created_by=user_of(review, actor),
        backend="local",
        key=storage.version_key(asset_id=version.asset_id, version_id=version.pk, original_name="u.mp4"),
        upload_id=backend.start(key="", content_type="video/mp4"),
        original_name="u.mp4",
        content_type="video/mp4",
        size=len(data),
        part_size=8 * 1024 * 1024,
        part_count=1,
    )
    if with_part:
        import io

        upload.part = backend.write_part(upload, 1, io.BytesIO(data), limit=len(data))
    return upload


def _upload_kwargs(review, actor):
    return {"upload_id": own_upload(review, actor).pk}


def _complete(review, actor):
    upload = own_upload(review, actor, with_part=True)
    review.pending_body = {"parts": [{"number": 1, "etag": upload.part.etag}]}
    return {"upload_id": upload.pk}


@dataclass(frozen=True)
class Route:
    name: str  # URL name in apps/feedbacks/api/urls.py
    method: str
    action: str | None  # what the role table must allow; None: a route outside it
    kwargs: Callable[[Review, str], dict]
    body: Callable[[Review, str], dict] | None = None
    ok: int = 200
    expect: Callable[[str], int] | None = None
    query: Callable[[Review, dict], str] | None = None
    label: str = ""
    form: str = "json"

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}{' ' + self.label if self.label else ''}"

    def prepare(self, review: Review, actor: str) -> Callable:
        """Builds what the call needs (an own comment, an upload with its part) and returns
        the request, so that state can be compared around the request alone."""
        client = guest_client(review) if actor == "guest" else review.client(actor)
        kwargs = self.kwargs(review, actor)
        path = reverse(self.name, kwargs=kwargs) + (self.query(review, kwargs) if self.query else "")
        body = self.body(review, actor) if self.body else None
        if self.form == "raw":
            return lambda: client.put(path, body, content_type="application/octet-stream")
        return lambda: getattr(client, self.method.lower())(path, body, format=self.form)

    def call(self, review: Review, actor: str):
        return self.prepare(review, actor)()

    def expected(self, actor: str) -> int:
        if self.expect is not None:
            return self.expect(actor)
        if actor in ("anonymous", "guest"):
            return 401
        if actor == "non_member":
            return 404
        return self.ok if self.action in ROLE_ACTIONS[actor] else 403


def guest_client(review: Review) -> APIClient:
    """Someone holding only the share link: its token is all the credential they have."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {review.link.token}", HTTP_X_SHARE_PASSWORD="x")
    return client


def _project(review, actor):
    return {"project_id": review.project.pk}


def _asset(review, actor):
    return {"asset_id": review.asset.pk}


def _version(review, actor):
    return {"version_id": review.version.pk}


def _feedback(review, actor):
    return {"feedback_id": review.feedback.pk}


def _clip_form(review, actor):
    return {"file": SimpleUploadedFile("clip.mp4", review.clip, content_type="video/mp4")}


FEEDBACK_ROUTES = [
    Route("project-assets", "GET", READ, _project),
    Route("project-assets", "POST", UPLOAD, _project, lambda r, a: {"title": "Teaser"}, ok=201),
    Route("asset-detail", "GET", READ, _asset),
    Route("asset-detail", "PATCH", UPLOAD, _asset, lambda r, a: {"title": "Final cut"}),
    Route("asset-detail", "DELETE", MANAGE, _asset, ok=204),
    Route("asset-versions", "GET", READ, _asset),
    Route("asset-versions", "POST", UPLOAD, _asset, _clip_form, ok=201, form="multipart"),
    Route(
        "asset-uploads",
        "POST",
        UPLOAD,
        _asset,
        lambda r, a: {"name": "big.mov", "size": 500_000_000, "content_type": "video/quicktime"},
        ok=201,
    ),
    Route("upload-detail", "GET", UPLOAD, _upload_kwargs, label="(own)"),
    Route("upload-detail", "DELETE", UPLOAD, _upload_kwargs, ok=204, label="(own)"),
    Route("upload-part-urls", "POST", UPLOAD, _upload_kwargs, lambda r, a: {"numbers": [1]}, label="(own)"),
    Route("upload-complete", "POST", UPLOAD, _complete, lambda r, a: r.pending_body, label="(own)"),
    Route("version-detail", "GET", READ, _version),
    Route("version-detail", "PATCH", UPLOAD, _version, lambda r, a: {"label": "Grade"}, label="label"),
    Route("version-detail", "PATCH", RESOLVE, _version, lambda r, a: {"review_status": "approved"}, label="decision"),
    Route("version-feedback", "GET", READ, _version),
    Route("version-feedback", "POST", COMMENT, _version, lambda r, a: {"body": "여기", "frame": 10}, ok=201),
    Route("version-feedback-export", "GET", READ, _version, query=lambda r, k: "?format=edl"),
    Route("version-share-links", "GET", UPLOAD, _version),
    Route("version-share-links", "POST", UPLOAD, _version, lambda r, a: {"permission": "view"}, ok=201),
    Route("share-link-detail", "DELETE", UPLOAD, lambda r, a: {"link_id": r.link.pk}, ok=204),
    Route("feedback-detail", "GET", READ, _feedback),
    Route("feedback-detail", "PATCH", COMMENT, own_feedback, lambda r, a: {"body": "고침"}, label="(own)"),
    Route("feedback-detail", "DELETE", COMMENT, own_feedback, ok=204, label="(own)"),
    Route("feedback-resolve", "POST", RESOLVE, _feedback, lambda r, a: {}),
    Route("feedback-reactions", "POST", COMMENT, _feedback, lambda r, a: {"emoji": "👍"}, ok=201),
    Route("feedback-reactions", "DELETE", COMMENT, _feedback, ok=204, query=lambda r, k: "?emoji=👍"),
]


def _signed_part(review, actor):
    upload = own_upload(review, Role.EDITOR)
    review.part_url = storage.LocalUploads().part_url(upload, 1)
    return {"upload_id": upload.pk, "number": 1}


# Routes whose permission is not a role: the signed URL, or the share token.
OTHER_ROUTES = [
    Route(
        "upload-part-put",
        "PUT",
        None,
        _signed_part,
        lambda r, a: r.clip,
        form="raw",
        query=lambda r, k: "?" + r.part_url.split("?", 1)[1],
        expect=lambda actor: 200,
    ),
    Route("share-page", "GET", None, lambda r, a: {"token": r.link.token}, expect=lambda actor: 200),
    Route(
        "share-feedback",
        "POST",
        None,
        lambda r, a: {"token": r.link.token},
        lambda r, a: {"guest_name": "Client", "body": "좋아요", "frame": 3},
        expect=lambda actor: 201,
    ),
]


@pytest.fixture
def matrix(review, clip_bytes) -> Review:
    review.clip = clip_bytes
    return review


def _state():
    return (
        StreamEvent.objects.count(),
        Activity.objects.count(),
        Notification.objects.count(),
        Asset.objects.count(),
        Version.objects.count(),
        Feedback.objects.filter(deleted_at__isnull=True).count(),
        Reaction.objects.count(),
        ShareLink.objects.filter(revoked_at__isnull=True).count(),
        Feedback.objects.filter(resolved_at__isnull=False).count(),
        sorted(Upload.objects.values_list("state", flat=True)),
        sorted(Version.objects.values_list("label", "review_status")),
    )


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("route", FEEDBACK_ROUTES, ids=lambda route: route.id)
def test_role_table_holds_for_every_feedbacks_route(matrix, route, actor):
    expected = route.expected(actor)
    request = route.prepare(matrix, actor)
    before = _state()

    response = request()

    if expected >= 400:
        assert_error(response, expected, "token_invalid" if actor == "guest" else ERROR_CODES[expected])
        assert _state() == before, "a refused request changed something"
    else:
        assert response.status_code == expected, response.content[:500]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("route", OTHER_ROUTES, ids=lambda route: route.id)
def test_routes_outside_the_role_table(matrix, route, actor):
    response = route.call(matrix, actor)
    assert response.status_code == route.expected(actor), response.content[:500]


def test_route_tables_cover_every_url_pattern():
    declared = set()
    for pattern in feedback_urls.urlpatterns:
        view = pattern.callback.view_class
        for method in view.http_method_names:
            if method not in {"options", "head", "trace"} and hasattr(view, method):
                declared.add((pattern.name, method.upper()))
    tabled = {(route.name, route.method) for route in FEEDBACK_ROUTES + OTHER_ROUTES}
    assert declared - tabled == set(), "routes missing from the authorization matrix"
    assert tabled - declared == set(), "the matrix lists routes that do not exist"


# --- BOLA: the second project's objects, by members of the first ------------------------------


def _as_other_project(review: Review) -> Review:
    ctx = dataclasses.replace(review.ctx, project=review.ctx.other, _clients=review.ctx._clients)
    other = dataclasses.replace(
        review,
        ctx=ctx,
        asset=review.other_asset,
        version=review.other_version,
        feedback=review.other_feedback,
        link=review.other_link,
    )
    other.clip = review.clip
    return other


@pytest.mark.parametrize("actor", [Role.OWNER.value, Role.MANAGER.value])
@pytest.mark.parametrize("route", FEEDBACK_ROUTES, ids=lambda route: route.id)
def test_second_projects_objects_are_not_found(matrix, route, actor):
    other = _as_other_project(matrix)

    response = route.call(other, actor)

    assert_error(response, 404, "not_found")
    other.other_feedback.refresh_from_db()
    assert other.other_feedback.deleted_at is None and other.other_feedback.resolved_at is None
    assert Asset.objects.filter(pk=matrix.other_asset.pk).exists()
    assert ShareLink.objects.get(pk=matrix.other_link.pk).revoked_at is None


def test_completing_an_upload_of_another_project_through_ids_is_not_found(matrix):
    foreign = _as_other_project(matrix)
    upload_id = _complete(foreign, Role.OWNER)["upload_id"]
    response = matrix.client(Role.EDITOR).post(
        reverse("upload-complete", kwargs={"upload_id": upload_id}), foreign.pending_body, format="json"
    )
    assert_error(response, 404, "not_found")
    assert Upload.objects.get(pk=upload_id).state == Upload.State.PENDING
