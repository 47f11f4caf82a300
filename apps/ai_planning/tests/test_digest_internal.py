"""The version digest and internal (team-only) notes: the model is never shown one, so no
point cites one; a digest written before that rule that does cite one loses those points
(and its overview) for a reader who may not see internal notes, the reviewer."""

import pytest
from django.urls import reverse

from apps.ai_planning.models import VersionDigest
from apps.feedbacks.tests.factories import AssetFactory, FeedbackFactory, VersionFactory
from apps.projects.permissions import ROLE_ACTIONS, VIEW_INTERNAL
from tests.fake_openai import comments_in

pytestmark = pytest.mark.django_db

ROLES = tuple(str(role) for role in ROLE_ACTIONS)


@pytest.fixture
def version(project_with_roles, fake_openai):
    return VersionFactory(asset=AssetFactory(project=project_with_roles.project, title="메인 컷"))


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def go(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return go


def digest_url(version) -> str:
    return reverse("version-digest", kwargs={"version_id": version.pk})


def cited(result: dict) -> set[str]:
    return {fid for group in result["groups"] for point in group["points"] for fid in point["feedback_ids"]}


def test_internal_notes_are_never_shown_to_the_model(project_with_roles, version, run, fake_openai):
    public = [FeedbackFactory(version=version, body=f"공개 {i}", frame=i * 10) for i in range(3)]
    note = FeedbackFactory(version=version, body="팀 메모: 단가 협상 중", frame=5, internal=True)
    FeedbackFactory(version=version, parent=public[0], body="내부 답글", internal=True)

    response = run(project_with_roles.client("editor").post, digest_url(version))

    assert response.status_code == 202, response.content
    call = fake_openai.calls_named("feedback_digest")[0]["body"]
    assert {c["id"] for c in comments_in(call)} == {str(f.pk) for f in public}
    assert "단가" not in str(call) and "내부 답글" not in str(call)
    digest = project_with_roles.client("reviewer").get(digest_url(version)).json()["digest"]
    assert digest["feedback_count"] == 3 and str(note.pk) not in cited(digest["result"])


@pytest.mark.parametrize("role", ROLES)
def test_an_older_digest_citing_a_note_is_filtered_per_reader(project_with_roles, version, run, role):
    public = [FeedbackFactory(version=version, body=f"공개 {i}", frame=i * 10) for i in range(2)]
    note = FeedbackFactory(version=version, body="팀 메모", frame=5, internal=True)
    run(project_with_roles.client("editor").post, digest_url(version))
    digest = VersionDigest.objects.get(version=version)
    digest.result = {
        "overview": "단가 이야기 포함",
        "groups": [
            {"category": "picture", "points": [{"text": "공개 의견", "feedback_ids": [str(public[0].pk)]}]},
            {"category": "other", "points": [{"text": "팀 메모", "feedback_ids": [str(note.pk), str(public[1].pk)]}]},
        ],
    }
    digest.save(update_fields=["result"])

    result = project_with_roles.client(role).get(digest_url(version)).json()["digest"]["result"]

    if VIEW_INTERNAL in ROLE_ACTIONS[role]:
        assert result == digest.result
    else:
        assert result == {
            "overview": "",
            "groups": [{"category": "picture", "points": [{"text": "공개 의견", "feedback_ids": [str(public[0].pk)]}]}],
        }
