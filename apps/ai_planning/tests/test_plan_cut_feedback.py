"""Plan ↔ cut on the review side, through HTTP: each comment names its shot, the list filters
by shot, exports carry the shot number, the plan page counts comments per shot, and it
hears of new ones live."""

import csv
import io

import pytest
from channels.db import database_sync_to_async
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.ai_planning.models import AssetPlanLink, VersionShotMap
from apps.core.models import StreamEvent
from apps.feedbacks.tests.factories import AssetFactory, FeedbackFactory, ShareLinkFactory, VersionFactory
from apps.projects.activity import project_stream
from apps.projects.tests.test_consumers import hello_of, join

from .test_plan_cut import plan_with_shots, shot_ids


def feedback_url(version) -> str:
    return reverse("version-feedback", kwargs={"version_id": version.pk})


def shot_feedback_url(plan) -> str:
    return reverse("plan-shot-feedback", kwargs={"plan_id": plan.pk})


def make_cut(project):
    """A linked asset: 10 s at 25 fps, shots of 2 + 3 + 1 s → frames [0,50) [50,125) [125,150)."""
    asset = AssetFactory(project=project, title="메인 편집본")
    version = VersionFactory(asset=asset, number=1)
    plan = plan_with_shots(project, [2, 3, 1])
    AssetPlanLink.objects.create(asset=asset, plan=plan)
    return asset, version, plan


@pytest.fixture
def cut(project_with_roles):
    asset, version, plan = make_cut(project_with_roles.project)
    return {"ctx": project_with_roles, "asset": asset, "version": version, "plan": plan}


def shot_of(comment: dict) -> int | None:
    return comment["shot"]["number"] if comment["shot"] else None


@pytest.mark.django_db
class TestCommentsNameTheirShot:
    def test_the_list_and_replies_name_the_shot_holding_each_frame(self, cut):
        version = cut["version"]
        for frame in (10, 49, 50, 140, 200):
            FeedbackFactory(version=version, frame=frame, body=f"프레임 {frame}")
        parent = version.feedback.get(frame=50)
        FeedbackFactory(version=version, parent=parent, frame=50, body="답글")

        results = cut["ctx"].client("reviewer").get(feedback_url(version)).json()["results"]

        assert [(c["frame"], shot_of(c)) for c in results] == [(10, 1), (49, 1), (50, 2), (140, 3), (200, None)]
        assert results[2]["shot"] == {"shot_id": shot_ids(cut["plan"])[1], "number": 2}
        assert shot_of(results[2]["replies"][0]) == 2

    def test_a_new_comment_and_a_single_one_name_their_shot(self, cut):
        client = cut["ctx"].client("editor")
        created = client.post(feedback_url(cut["version"]), {"body": "컷이 길어요", "frame": 130}, format="json")
        assert created.status_code == 201 and shot_of(created.json()) == 3
        detail = client.get(reverse("feedback-detail", kwargs={"feedback_id": created.json()["id"]}))
        assert shot_of(detail.json()) == 3

    def test_an_unlinked_asset_leaves_comments_without_a_shot(self, cut):
        AssetPlanLink.objects.all().delete()
        FeedbackFactory(version=cut["version"], frame=10)
        results = cut["ctx"].client("viewer").get(feedback_url(cut["version"])).json()["results"]
        assert [c["shot"] for c in results] == [None]

    def test_the_shots_follow_an_edited_map(self, cut):
        FeedbackFactory(version=cut["version"], frame=60)
        one, two, three = shot_ids(cut["plan"])
        ranges = [(one, 0, 100), (two, 100, 200), (three, 200, 250)]
        VersionShotMap.objects.create(
            version=cut["version"],
            plan=cut["plan"],
            ranges=[{"shot_id": s, "start_frame": a, "end_frame": b} for s, a, b in ranges],
        )
        results = cut["ctx"].client("viewer").get(feedback_url(cut["version"])).json()["results"]
        assert [shot_of(c) for c in results] == [1]

    def test_the_list_looks_the_map_up_once_whatever_its_length(self, cut):
        client = cut["ctx"].client("editor")

        def queries_for(count: int) -> int:
            cut["version"].feedback.all().delete()
            for index in range(count):
                FeedbackFactory(version=cut["version"], frame=index * 10)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(feedback_url(cut["version"])).status_code == 200
            return len(captured)

        few, many = queries_for(3), queries_for(12)
        assert few == many and few > 0

    def test_the_list_filters_by_shot(self, cut):
        for frame in (10, 60, 100, 130):
            FeedbackFactory(version=cut["version"], frame=frame)
        one, two, _ = shot_ids(cut["plan"])
        client = cut["ctx"].client("viewer")

        second = client.get(feedback_url(cut["version"]), {"shot": two}).json()["results"]
        assert [c["frame"] for c in second] == [60, 100]
        first = client.get(feedback_url(cut["version"]), {"shot": one, "resolved": "false"}).json()["results"]
        assert [c["frame"] for c in first] == [10]

    def test_a_shot_not_on_the_map_filters_to_nothing_and_a_bad_id_is_refused(self, cut):
        FeedbackFactory(version=cut["version"], frame=10)
        foreign = shot_ids(plan_with_shots(cut["ctx"].other, [3]))[0]
        client = cut["ctx"].client("viewer")

        assert client.get(feedback_url(cut["version"]), {"shot": foreign}).json()["results"] == []
        refused = client.get(feedback_url(cut["version"]), {"shot": "shot-1"})
        assert refused.status_code == 400 and "shot" in refused.json()["error"]["details"]

    def test_a_guest_sees_the_shots_too(self, cut):
        FeedbackFactory(version=cut["version"], frame=60, body="좋아요")
        link = ShareLinkFactory(version=cut["version"])

        page = cut["ctx"].client("anonymous").get(reverse("share-page", kwargs={"token": link.token})).json()

        assert [shot_of(c) for c in page["feedback"]] == [2]


@pytest.mark.django_db
def test_exports_carry_the_shot_number(cut):
    FeedbackFactory(version=cut["version"], frame=60, body="색이 차가워요")
    FeedbackFactory(version=cut["version"], frame=200, body="엔딩 자막")
    url = reverse("version-feedback-export", kwargs={"version_id": cut["version"].pk})
    client = cut["ctx"].client("editor")

    rows = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode("utf-8-sig"))))
    shot_column = rows[0].index("shot")
    assert [(row[4], row[shot_column]) for row in rows[1:]] == [("60", "2"), ("200", "")]

    edl = client.get(url, {"format": "edl"}).content.decode()
    markers = [line for line in edl.splitlines() if line.startswith(" |C:")]
    assert "|M:[Shot 2] " in markers[0]
    assert "[Shot" not in markers[1]


@pytest.mark.django_db
class TestShotFeedbackOnThePlanPage:
    def test_counts_per_shot_on_the_latest_version(self, cut):
        older = cut["version"]
        FeedbackFactory(version=older, frame=10)  # only on v1: not counted
        latest = VersionFactory(asset=cut["asset"], number=2)
        FeedbackFactory(version=latest, frame=10)
        FeedbackFactory(version=latest, frame=20, resolved_at="2026-01-01T00:00:00Z")
        FeedbackFactory(version=latest, frame=60)
        FeedbackFactory(version=latest, frame=60, internal=True)  # the team sees it, the client not
        FeedbackFactory(version=latest, frame=200)  # after the last shot

        team = cut["ctx"].client("editor").get(shot_feedback_url(cut["plan"]))
        client_side = cut["ctx"].client("reviewer").get(shot_feedback_url(cut["plan"])).json()

        assert team.status_code == 200
        counts = [(row["number"], row["open"], row["resolved"], row["start_frame"]) for row in team.json()]
        assert counts == [(1, 1, 1, 0), (2, 2, 0, 50), (3, 0, 0, 125)]
        assert [row["open"] for row in client_side] == [1, 1, 0]
        row = team.json()[1]
        assert (row["asset_id"], row["asset_title"]) == (str(cut["asset"].pk), "메인 편집본")
        assert (row["version_id"], row["version_number"], row["end_frame"]) == (str(latest.pk), 2, 125)
        assert row["shot_id"] == shot_ids(cut["plan"])[1]

    def test_a_plan_without_linked_assets_has_no_rows(self, project_with_roles):
        plan = plan_with_shots(project_with_roles.project, [2])
        assert project_with_roles.client("viewer").get(shot_feedback_url(plan)).json() == []

    def test_another_projects_plan_is_not_found(self, cut):
        other = plan_with_shots(cut["ctx"].other, [2])
        assert cut["ctx"].client("owner").get(shot_feedback_url(other)).status_code == 404

    def test_comment_changes_are_announced_on_the_project_stream(self, cut, django_capture_on_commit_callbacks):
        client = cut["ctx"].client("reviewer")
        with django_capture_on_commit_callbacks() as callbacks:
            created = client.post(feedback_url(cut["version"]), {"body": "여기", "frame": 60}, format="json")
        assert created.status_code == 201 and callbacks, "sent once the comment is committed"
        resolve = reverse("feedback-resolve", kwargs={"feedback_id": created.json()["id"]})
        client.post(resolve, {}, format="json")
        client.post(resolve, {"resolved": False}, format="json")

        changes = StreamEvent.objects.filter(
            stream=project_stream(cut["ctx"].project), type="plan.shot_feedback.changed"
        ).order_by("seq")
        assert changes.count() == 3
        assert changes.first().data == {
            "plan_id": str(cut["plan"].pk),
            "asset_id": str(cut["asset"].pk),
            "version_id": str(cut["version"].pk),
        }

    def test_a_comment_made_internal_and_public_again_moves_the_client_sides_counts(self, cut):
        """The team's counts do not move, the reviewer's do: both hear of it (not as internal:
        the reviewer's room is told the comment went, too)."""
        editor, reviewer = cut["ctx"].client("editor"), cut["ctx"].client("reviewer")
        created = editor.post(feedback_url(cut["version"]), {"body": "여기", "frame": 60}, format="json").json()
        detail = reverse("feedback-detail", kwargs={"feedback_id": created["id"]})
        stream = project_stream(cut["ctx"].project)
        changes = StreamEvent.objects.filter(stream=stream, type="plan.shot_feedback.changed")
        seen = changes.count()

        assert editor.patch(detail, {"internal": True}, format="json").status_code == 200
        assert [row["open"] for row in reviewer.get(shot_feedback_url(cut["plan"])).json()] == [0, 0, 0]
        assert editor.patch(detail, {"internal": False}, format="json").status_code == 200
        assert [row["open"] for row in reviewer.get(shot_feedback_url(cut["plan"])).json()] == [0, 1, 0]
        assert editor.patch(detail, {"body": "여기요"}, format="json").status_code == 200  # counts stay

        moved = list(changes.order_by("seq").values_list("data", flat=True))[seen:]
        assert len(moved) == 2 and not any("internal" in data for data in moved)

    def test_changes_to_an_internal_note_are_announced_as_internal(self, cut):
        editor = cut["ctx"].client("editor")
        note = editor.post(feedback_url(cut["version"]), {"body": "팀", "frame": 60, "internal": True}, format="json")
        editor.post(reverse("feedback-resolve", kwargs={"feedback_id": note.json()["id"]}), {}, format="json")
        changes = StreamEvent.objects.filter(
            stream=project_stream(cut["ctx"].project), type="plan.shot_feedback.changed"
        ).order_by("seq")
        assert [event.data.get("internal") for event in changes] == [True, True]

    def test_comments_on_unlinked_assets_and_replies_announce_nothing(self, cut):
        AssetPlanLink.objects.all().delete()
        parent = (
            cut["ctx"].client("editor").post(feedback_url(cut["version"]), {"body": "a", "frame": 5}, format="json")
        )
        AssetPlanLink.objects.create(asset=cut["asset"], plan=cut["plan"])
        reply = {"body": "b", "parent_id": parent.json()["id"]}
        assert cut["ctx"].client("editor").post(feedback_url(cut["version"]), reply, format="json").status_code == 201
        stream = project_stream(cut["ctx"].project)
        assert not StreamEvent.objects.filter(stream=stream, type="plan.shot_feedback.changed").exists()


@pytest.mark.django_db(transaction=True)
async def test_the_plan_page_hears_of_a_new_comment_live(project_with_roles):
    """Over /ws/projects/<id>/ (the plan page's socket), after the comment's commit."""
    from apps.feedbacks.services import feedback_create

    ctx = project_with_roles
    asset, version, plan = await database_sync_to_async(make_cut)(ctx.project)
    viewer = await join(ctx.project.pk, ctx.users["viewer"])
    hello = await hello_of(viewer)

    await database_sync_to_async(feedback_create)(version=version, author=ctx.users["reviewer"], body="여기", frame=60)

    message = await viewer.receive_json_from(timeout=5)
    while message["type"] != "plan.shot_feedback.changed":
        message = await viewer.receive_json_from(timeout=5)
    await viewer.disconnect()
    assert message["seq"] > hello["seq"]
    assert message["data"] == {"plan_id": str(plan.pk), "asset_id": str(asset.pk), "version_id": str(version.pk)}
