"""The version digest reads shot by shot when the cut has a shot map: the model is told each
comment's shot, and the points come back grouped by shot (through the fake OpenAI server)."""

import pytest
from django.urls import reverse

from apps.ai_planning import feedback_ai
from apps.ai_planning.models import AssetPlanLink
from apps.feedbacks.tests.factories import AssetFactory, FeedbackFactory, VersionFactory
from tests.fake_openai import comments_in

from .test_plan_cut import plan_with_shots, shot_ids

pytestmark = pytest.mark.django_db


def digest_of(client, version) -> dict:
    return client.get(reverse("version-digest", kwargs={"version_id": version.pk})).json()["digest"]


def ask(client, version, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("version-digest", kwargs={"version_id": version.pk}))
    assert response.status_code == 202, response.content


def test_a_digest_of_a_linked_cut_groups_its_points_by_shot(
    project_with_roles, fake_openai, django_capture_on_commit_callbacks
):
    ctx = project_with_roles
    asset = AssetFactory(project=ctx.project)
    version = VersionFactory(asset=asset)  # 250 frames; shots [0,50) [50,125) [125,150)
    plan = plan_with_shots(ctx.project, [2, 3, 1])
    AssetPlanLink.objects.create(asset=asset, plan=plan)
    colour = FeedbackFactory(version=version, frame=60, body="색감이 차가워요")
    sound = FeedbackFactory(version=version, frame=10, body="음악이 커요")
    typo = FeedbackFactory(version=version, frame=100, body="자막 오타")
    tail = FeedbackFactory(version=version, frame=200, body="엔딩 컷이 길어요")

    ask(ctx.client("reviewer"), version, django_capture_on_commit_callbacks)

    request = fake_openai.calls_named("feedback_digest")[0]["body"]
    assert {c["id"]: c.get("shot") for c in comments_in(request)} == {
        str(sound.pk): 1,
        str(colour.pk): 2,
        str(typo.pk): 2,
        str(tail.pk): None,
    }
    assert "shot by shot" in request["messages"][0]["content"]
    result = digest_of(ctx.client("viewer"), version)["result"]
    by_shot = [(group["number"], [p["feedback_ids"] for p in group["points"]]) for group in result["shots"]]
    assert by_shot == [
        (1, [[str(sound.pk)]]),
        (2, [[str(colour.pk)], [str(typo.pk)]]),  # category order: colour before text
        (None, [[str(tail.pk)]]),
    ]
    one, two, _ = shot_ids(plan)
    assert [group["shot_id"] for group in result["shots"]] == [one, two, None]
    assert {p["category"] for p in result["shots"][1]["points"]} == {"colour", "text"}
    assert result["groups"], "the category grouping stays"


def test_a_digest_of_an_unlinked_cut_has_no_shot_groups(
    project_with_roles, fake_openai, django_capture_on_commit_callbacks
):
    ctx = project_with_roles
    version = VersionFactory(asset=AssetFactory(project=ctx.project))
    FeedbackFactory(version=version, frame=10, body="음악이 커요")

    ask(ctx.client("reviewer"), version, django_capture_on_commit_callbacks)

    request = fake_openai.calls_named("feedback_digest")[0]["body"]
    assert all("shot" not in comment for comment in comments_in(request))
    assert digest_of(ctx.client("viewer"), version)["result"]["shots"] == []


def test_a_point_goes_to_the_shot_most_of_its_comments_are_in():
    shots = {
        "a": {"shot_id": "s1", "number": 1},
        "b": {"shot_id": "s2", "number": 2},
        "c": {"shot_id": "s2", "number": 2},
        "d": {"shot_id": "s1", "number": 1},
    }
    groups = [
        {"category": "edit", "points": [{"text": "mostly 2", "feedback_ids": ["a", "b", "c"]}]},
        {"category": "sound", "points": [{"text": "a tie", "feedback_ids": ["b", "d"]}]},
    ]

    by_shot = feedback_ai.points_by_shot(groups, shots)

    assert [(g["number"], [p["text"] for p in g["points"]]) for g in by_shot] == [(1, ["a tie"]), (2, ["mostly 2"])]
