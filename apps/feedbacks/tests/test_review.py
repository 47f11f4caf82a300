"""Review decisions and the version's review status; assets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.models import Notification, StreamEvent
from apps.core.tests.assertions import assert_error
from apps.feedbacks.models import Asset, ReviewDecision, Version
from apps.feedbacks.services import version_stream
from apps.projects.models import Role
from apps.projects.services import project_stream
from apps.projects.tests.factories import MembershipFactory

from .conftest import stream_types, url
from .factories import AssetFactory, FeedbackFactory, VersionFactory

pytestmark = pytest.mark.django_db


def decide(review, actor, status, comment=None, version=None):
    body = {"review_status": status, **({"review_comment": comment} if comment is not None else {})}
    return review.client(actor).patch(
        url("version-detail", version_id=(version or review.version).pk), body, format="json"
    )


def test_the_reviewer_approves_and_the_version_is_approved(review):
    """The project's one reviewer-role member is the required reviewer by default."""
    response = decide(review, Role.EDITOR, "approved")
    assert response.json()["review_status"] == "in_review"  # the editor's approval alone is not enough

    response = decide(review, Role.REVIEWER, "approved", "좋습니다")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["review_status"] == "approved"
    assert {(d["reviewer"]["id"], d["decision"]) for d in body["decisions"]} == {
        (str(review.users[Role.EDITOR].pk), "approved"),
        (str(review.users[Role.REVIEWER].pk), "approved"),
    }
    assert stream_types(version_stream(review.version)) == ["version.updated", "version.status_changed"]
    assert "version.status_changed" in stream_types(project_stream(review.project))
    notified = set(Notification.objects.filter(verb="version.status_changed").values_list("recipient", flat=True))
    assert notified == {review.users[Role.OWNER].pk, review.users[Role.MANAGER].pk}  # owner also uploaded it


def test_any_changes_requested_wins(review):
    decide(review, Role.REVIEWER, "approved")
    response = decide(review, Role.MANAGER, "changes_requested", "로고 교체")

    assert response.json()["review_status"] == "changes_requested"
    event = StreamEvent.objects.filter(stream=version_stream(review.version), type="version.status_changed").last()
    assert event.data["review_status"] == {"before": "approved", "after": "changes_requested"}

    decide(review, Role.MANAGER, "in_review")  # withdrawn

    assert Version.objects.get(pk=review.version.pk).review_status == "approved"
    assert not ReviewDecision.objects.filter(reviewer=review.users[Role.MANAGER]).exists()


def test_each_reviewers_latest_decision_is_kept(review):
    decide(review, Role.REVIEWER, "changes_requested", "첫 의견")
    decide(review, Role.REVIEWER, "approved", "수정 확인")

    decision = ReviewDecision.objects.get(version=review.version)
    assert (decision.decision, decision.comment) == ("approved", "수정 확인")


def test_required_reviewers_must_all_approve(review):
    second = MembershipFactory(project=review.project, role=Role.REVIEWER).user
    owner = review.client(Role.OWNER)
    required = [str(review.users[Role.REVIEWER].pk), str(review.users[Role.MANAGER].pk)]
    response = owner.patch(
        url("version-detail", version_id=review.version.pk), {"required_reviewer_ids": required}, format="json"
    )
    assert {u["id"] for u in response.json()["required_reviewers"]} == set(required)

    decide(review, Role.REVIEWER, "approved")
    assert Version.objects.get(pk=review.version.pk).review_status == "in_review"
    decide(review, Role.MANAGER, "approved")
    assert Version.objects.get(pk=review.version.pk).review_status == "approved"
    assert not ReviewDecision.objects.filter(reviewer=second).exists()


def test_without_reviewers_one_approval_is_enough(review):
    from apps.projects.models import Membership

    Membership.objects.filter(project=review.project, role=Role.REVIEWER).delete()
    assert decide(review, Role.EDITOR, "approved").json()["review_status"] == "approved"


def test_required_reviewers_must_be_members_who_may_review(review):
    for user in (review.users["non_member"], review.users[Role.VIEWER]):
        response = review.client(Role.OWNER).patch(
            url("version-detail", version_id=review.version.pk),
            {"required_reviewer_ids": [str(user.pk)]},
            format="json",
        )
        assert_error(response, 400, "validation_error", details={"required_reviewer_ids"})


def test_decisions_need_a_ready_version(review):
    processing = VersionFactory(asset=review.asset, number=2, processing=True)
    assert_error(decide(review, Role.REVIEWER, "approved", version=processing), 409, "version_not_ready")


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"non_field_errors"}),
        ({"review_comment": "x"}, {"review_comment"}),
        ({"review_status": "done"}, {"review_status"}),
        ({"status": "ready"}, {"status"}),
    ],
    ids=["empty", "comment-alone", "bad-status", "read-only-field"],
)
def test_bad_version_patches_are_400(review, body, fields):
    response = review.client(Role.OWNER).patch(url("version-detail", version_id=review.version.pk), body, format="json")
    assert_error(response, 400, "validation_error", details=fields)


def test_label_is_editable_by_editors(review):
    response = review.client(Role.EDITOR).patch(
        url("version-detail", version_id=review.version.pk), {"label": "색보정"}, format="json"
    )
    assert response.json()["label"] == "색보정"
    assert stream_types(version_stream(review.version)) == ["version.updated"]


# --- assets -----------------------------------------------------------------------------------


def test_assets_list_with_their_latest_version(review):
    VersionFactory(asset=review.asset, number=2)
    VersionFactory(asset=review.asset, number=3, status="uploading")
    client = review.client(Role.VIEWER)

    body = client.get(url("project-assets", project_id=review.project.pk)).json()

    assert body["count"] == 1
    asset = body["results"][0]
    assert (asset["title"], asset["version_count"], asset["latest_version"]["number"]) == ("메인 편집본", 2, 2)


def test_asset_create_update_delete(review, media_root, django_capture_on_commit_callbacks):
    editor = review.client(Role.EDITOR)
    created = editor.post(url("project-assets", project_id=review.project.pk), {"title": "티저 15초"}, format="json")
    assert created.status_code == 201
    asset_id = created.json()["id"]
    assert created.json()["order"] == review.asset.order + 1

    patched = editor.patch(url("asset-detail", asset_id=asset_id), {"description": "SNS용"}, format="json")
    assert patched.json()["description"] == "SNS용"
    assert_error(editor.delete(url("asset-detail", asset_id=asset_id)), 403, "permission_denied")

    stored = media_root / review.version.file.name
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"video")
    with django_capture_on_commit_callbacks(execute=True):
        assert review.client(Role.MANAGER).delete(url("asset-detail", asset_id=review.asset.pk)).status_code == 204
    assert not Asset.objects.filter(pk=review.asset.pk).exists()
    assert not stored.exists()
    assert stream_types(version_stream(review.version)) == ["version.deleted"]
    assert stream_types(project_stream(review.project)) == ["asset.created", "asset.updated", "asset.deleted"]


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_asset_and_version_lists_cost_the_same_at_any_size(review):
    client = review.client(Role.VIEWER)
    assets = url("project-assets", project_id=review.project.pk)
    versions = url("asset-versions", asset_id=review.asset.pk)
    small = (_queries(client, assets), _queries(client, versions))

    for n in range(2, 8):
        version = VersionFactory(asset=review.asset, number=n)
        version.required_reviewers.add(review.users[Role.REVIEWER])
        ReviewDecision.objects.create(version=version, reviewer=review.users[Role.REVIEWER], decision="approved")
        FeedbackFactory(version=version)
        VersionFactory(asset=AssetFactory(project=review.project), number=1)

    assert (_queries(client, assets), _queries(client, versions)) == small
