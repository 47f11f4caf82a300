"""Plan ↔ cut through HTTP: linking an asset to its plan, the shot map of each version (laid
from the plan, carried, edited and validated), and who may do what."""

import uuid

import pytest
from django.urls import reverse

from apps.ai_planning.models import AssetPlanLink, VersionShotMap
from apps.core.models import StreamEvent
from apps.feedbacks.tests.factories import AssetFactory, VersionFactory

from .factories import BriefFactory, PlanFactory, sample_result

pytestmark = pytest.mark.django_db


def plan_with_shots(project, seconds: list[float], title: str = "런칭 영상"):
    """A finished plan of `project` whose shots last `seconds` each (numbers 1, 2, …)."""
    result = sample_result()
    template = result["shots"][0]
    result["shots"] = [
        {**template, "number": number, "duration_seconds": length, "description": f"샷 {number}"}
        for number, length in enumerate(seconds, start=1)
    ]
    return PlanFactory(brief=BriefFactory(project=project, title=title), result=result)


def shot_ids(plan) -> list[str]:
    return [shot["id"] for shot in plan.result["shots"]]


def link_url(asset) -> str:
    return reverse("asset-plan-link", kwargs={"asset_id": asset.pk})


def map_url(version) -> str:
    return reverse("version-shot-map", kwargs={"version_id": version.pk})


@pytest.fixture
def cut(project_with_roles):
    """An asset with one 10 s, 25 fps version (250 frames) and a plan of 2 + 3 + 1 s shots."""
    ctx = project_with_roles
    asset = AssetFactory(project=ctx.project, title="메인 편집본")
    return {
        "ctx": ctx,
        "asset": asset,
        "version": VersionFactory(asset=asset, number=1),
        "plan": plan_with_shots(ctx.project, [2, 3, 1]),
    }


def linked(cut) -> dict:
    AssetPlanLink.objects.create(asset=cut["asset"], plan=cut["plan"])
    return cut


def ranges(body: dict) -> list[tuple[int, int, int]]:
    return [(shot["number"], shot["start_frame"], shot["end_frame"]) for shot in body["shots"]]


# --- linking ------------------------------------------------------------------------------


def test_an_editor_links_and_unlinks_an_asset(cut):
    editor = cut["ctx"].client("editor")

    response = editor.put(link_url(cut["asset"]), {"plan_id": str(cut["plan"].pk)}, format="json")

    assert response.status_code == 200, response.content
    assert response.json() == {
        "asset_id": str(cut["asset"].pk),
        "plan_id": str(cut["plan"].pk),
        "plan_title": "런칭 영상",
    }
    asset = editor.get(reverse("asset-detail", kwargs={"asset_id": cut["asset"].pk})).json()
    assert (asset["plan_id"], asset["plan_title"]) == (str(cut["plan"].pk), "런칭 영상")
    listed = editor.get(reverse("project-assets", kwargs={"project_id": cut["ctx"].project.pk})).json()
    assert [(a["id"], a["plan_id"]) for a in listed["results"]] == [(str(cut["asset"].pk), str(cut["plan"].pk))]

    assert editor.delete(link_url(cut["asset"])).status_code == 204
    assert not AssetPlanLink.objects.filter(asset=cut["asset"]).exists()
    asset = editor.get(reverse("asset-detail", kwargs={"asset_id": cut["asset"].pk})).json()
    assert (asset["plan_id"], asset["plan_title"]) == (None, None)


def test_relinking_moves_the_asset_to_the_new_plan(cut):
    linked(cut)
    other_plan = plan_with_shots(cut["ctx"].project, [5], title="두 번째 기획")

    response = cut["ctx"].client("owner").put(link_url(cut["asset"]), {"plan_id": str(other_plan.pk)}, format="json")

    assert response.status_code == 200
    assert AssetPlanLink.objects.get(asset=cut["asset"]).plan == other_plan
    assert ranges(cut["ctx"].client("viewer").get(map_url(cut["version"])).json()) == [(1, 0, 125)]


@pytest.mark.parametrize("which", ["other project's plan", "unknown plan"])
def test_a_plan_outside_the_asset_project_is_refused(cut, which):
    plan_id = plan_with_shots(cut["ctx"].other, [2]).pk if which == "other project's plan" else uuid.uuid4()

    response = cut["ctx"].client("owner").put(link_url(cut["asset"]), {"plan_id": str(plan_id)}, format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error" and "plan_id" in error["details"]
    assert not AssetPlanLink.objects.exists()


def test_another_projects_asset_is_not_found(cut):
    foreign_asset = AssetFactory(project=cut["ctx"].other)
    foreign_version = VersionFactory(asset=foreign_asset)
    owner = cut["ctx"].client("owner")

    assert owner.put(link_url(foreign_asset), {"plan_id": str(cut["plan"].pk)}, format="json").status_code == 404
    assert owner.delete(link_url(foreign_asset)).status_code == 404
    assert owner.get(map_url(foreign_version)).status_code == 404
    assert owner.put(map_url(foreign_version), {"shots": []}, format="json").status_code == 404


@pytest.mark.parametrize("role", ["reviewer", "viewer"])
def test_roles_that_cannot_edit_assets_cannot_link_or_map(cut, role):
    linked(cut)
    client = cut["ctx"].client(role)
    first = shot_ids(cut["plan"])[0]

    assert client.put(link_url(cut["asset"]), {"plan_id": str(cut["plan"].pk)}, format="json").status_code == 403
    assert client.delete(link_url(cut["asset"])).status_code == 403
    body = {"shots": [{"shot_id": first, "start_frame": 0, "end_frame": 10}]}
    assert client.put(map_url(cut["version"]), body, format="json").status_code == 403
    assert client.get(map_url(cut["version"])).status_code == 200  # but they read it
    assert not VersionShotMap.objects.exists()


def test_outsiders_and_anonymous_callers_learn_nothing(cut):
    linked(cut)
    assert cut["ctx"].client("non_member").get(map_url(cut["version"])).status_code == 404
    assert cut["ctx"].client("anonymous").get(map_url(cut["version"])).status_code == 401


# --- the map laid from the plan -----------------------------------------------------------


def test_the_plan_is_laid_end_to_end_by_shot_duration(cut):
    linked(cut)

    body = cut["ctx"].client("reviewer").get(map_url(cut["version"])).json()

    assert body["source"] == "plan"
    assert (body["version_id"], body["plan_id"]) == (str(cut["version"].pk), str(cut["plan"].pk))
    assert (body["fps"], body["duration_frames"]) == (25.0, 250)
    # 2 s, 3 s and 1 s at 25 fps; the last 4 s of the cut have no shot.
    assert ranges(body) == [(1, 0, 50), (2, 50, 125), (3, 125, 150)]
    first = body["shots"][0]
    assert first["shot_id"] == shot_ids(cut["plan"])[0]
    assert (first["size"], first["description"]) == (cut["plan"].result["shots"][0]["shot_size"], "샷 1")


def test_a_plan_longer_than_the_cut_is_scaled_to_fit(project_with_roles):
    ctx = project_with_roles
    asset = AssetFactory(project=ctx.project)
    version = VersionFactory(asset=asset)  # 250 frames
    AssetPlanLink.objects.create(asset=asset, plan=plan_with_shots(ctx.project, [4, 4, 4]))  # 300 frames

    body = ctx.client("viewer").get(map_url(version)).json()

    assert ranges(body) == [(1, 0, 83), (2, 83, 167), (3, 167, 250)]
    assert all(0 <= shot["start_frame"] < shot["end_frame"] <= 250 for shot in body["shots"])


def test_an_unlinked_asset_has_no_shots(cut):
    body = cut["ctx"].client("viewer").get(map_url(cut["version"])).json()
    assert body == {
        "version_id": str(cut["version"].pk),
        "plan_id": None,
        "fps": 25.0,
        "duration_frames": None,
        "source": "none",
        "shots": [],
    }


def test_a_version_still_processing_has_no_shots_yet(cut):
    linked(cut)
    processing = VersionFactory(asset=cut["asset"], number=2, processing=True)

    body = cut["ctx"].client("editor").get(map_url(processing)).json()
    assert (body["plan_id"], body["source"], body["shots"]) == (str(cut["plan"].pk), "none", [])
    first = shot_ids(cut["plan"])[0]
    response = (
        cut["ctx"]
        .client("editor")
        .put(map_url(processing), {"shots": [{"shot_id": first, "start_frame": 0, "end_frame": 5}]}, format="json")
    )
    assert response.status_code == 409 and response.json()["error"]["code"] == "version_not_ready"


# --- adjusting and carrying ---------------------------------------------------------------


def test_an_editor_saves_adjusted_boundaries(cut):
    linked(cut)
    one, two, three = shot_ids(cut["plan"])
    body = {
        "shots": [
            {"shot_id": one, "start_frame": 0, "end_frame": 60},
            {"shot_id": two, "start_frame": 60, "end_frame": 140},
            {"shot_id": three, "start_frame": 180, "end_frame": 250},  # a gap before it is fine
        ]
    }

    response = cut["ctx"].client("editor").put(map_url(cut["version"]), body, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["source"] == "edited"
    assert ranges(response.json()) == [(1, 0, 60), (2, 60, 140), (3, 180, 250)]
    again = cut["ctx"].client("reviewer").get(map_url(cut["version"])).json()
    assert again == response.json()
    stored = VersionShotMap.objects.get(version=cut["version"])
    assert (stored.plan, stored.edited_by) == (cut["plan"], cut["ctx"].users["editor"])


def test_saving_a_map_of_an_unlinked_asset_is_a_conflict(cut):
    response = cut["ctx"].client("owner").put(map_url(cut["version"]), {"shots": []}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "asset_not_linked"


def _put(cut, items):
    return cut["ctx"].client("editor").put(map_url(cut["version"]), {"shots": items}, format="json")


def _item(shot_id, start, end) -> dict:
    return {"shot_id": shot_id, "start_frame": start, "end_frame": end}


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("overlap", "start_frame"),
        ("unordered", "start_frame"),
        ("past the end", "end_frame"),
        ("empty range", "end_frame"),
        ("shot twice", "shot_id"),
        ("another plan's shot", "shot_id"),
    ],
)
def test_an_invalid_map_is_refused_with_the_item_and_field(cut, case, field):
    linked(cut)
    one, two, _ = shot_ids(cut["plan"])
    foreign = shot_ids(plan_with_shots(cut["ctx"].other, [3]))[0]
    second = {
        "overlap": _item(two, 40, 80),
        "unordered": _item(two, 0, 20),
        "past the end": _item(two, 60, 251),
        "empty range": _item(two, 70, 70),
        "shot twice": _item(one, 60, 80),
        "another plan's shot": _item(foreign, 60, 80),
    }[case]
    first = _item(one, 30, 50) if case == "unordered" else _item(one, 0, 50)

    response = _put(cut, [first, second])

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["details"]["shots"][0] == {}
    assert field in error["details"]["shots"][1]
    assert not VersionShotMap.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"shots": [{"shot_id": "not-a-uuid", "start_frame": 0, "end_frame": 5}]},
        {"shots": [{"start_frame": 0, "end_frame": 5}]},
        {"shots": [{"shot_id": str(uuid.uuid4()), "start_frame": -1, "end_frame": 5}]},
        {"shots": "all of them"},
        {},
    ],
)
def test_malformed_maps_are_refused(cut, body):
    linked(cut)
    response = cut["ctx"].client("editor").put(map_url(cut["version"]), body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


def test_a_body_that_is_not_json_is_refused(cut):
    linked(cut)
    response = (
        cut["ctx"]
        .client("editor")
        .generic("PUT", map_url(cut["version"]), "{shots: [", content_type="application/json")
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_the_next_version_starts_from_the_previous_map_clipped_to_its_length(cut):
    linked(cut)
    one, two, three = shot_ids(cut["plan"])
    assert _put(cut, [_item(one, 0, 100), _item(two, 100, 200), _item(three, 200, 250)]).status_code == 200
    shorter = VersionFactory(asset=cut["asset"], number=2, duration=6.0, frame_count=150)
    third = VersionFactory(asset=cut["asset"], number=3)

    carried = cut["ctx"].client("viewer").get(map_url(shorter)).json()

    assert carried["source"] == "carried"
    assert ranges(carried) == [(1, 0, 100), (2, 100, 150)]  # shot 3 starts past the end
    # Further versions still start from the nearest map before them.
    assert ranges(cut["ctx"].client("viewer").get(map_url(third)).json()) == [(1, 0, 100), (2, 100, 200), (3, 200, 250)]
    # Editing the carried map saves it for that version only.
    edit = cut["ctx"].client("editor").put(map_url(shorter), {"shots": [_item(two, 0, 150)]}, format="json")
    assert edit.json()["source"] == "edited"
    assert cut["ctx"].client("viewer").get(map_url(third)).json()["shots"][0]["number"] == 2
    assert ranges(cut["ctx"].client("viewer").get(map_url(cut["version"])).json())[0] == (1, 0, 100)


def test_maps_follow_the_plan_when_it_changes(cut):
    """A shot removed from the plan leaves the map; shots keep their ids through an edit."""
    linked(cut)
    one, two, three = shot_ids(cut["plan"])
    _put(cut, [_item(one, 0, 50), _item(two, 50, 100), _item(three, 100, 150)])
    result = {**cut["plan"].result, "shots": [cut["plan"].result["shots"][0], cut["plan"].result["shots"][2]]}

    response = (
        cut["ctx"]
        .client("editor")
        .patch(reverse("plan-detail", kwargs={"plan_id": cut["plan"].pk}), {"result": result}, format="json")
    )

    assert response.status_code == 200, response.content
    assert shot_ids(type(cut["plan"]).objects.get(pk=cut["plan"].pk)) == [one, three]
    assert ranges(cut["ctx"].client("viewer").get(map_url(cut["version"])).json()) == [(1, 0, 50), (3, 100, 150)]


# --- events -------------------------------------------------------------------------------


def events_on(stream: str, type_: str) -> list[dict]:
    return [event.data for event in StreamEvent.objects.filter(stream=stream, type=type_).order_by("seq")]


def test_saving_a_map_tells_the_review_room_and_the_plan_page(cut, django_capture_on_commit_callbacks):
    linked(cut)
    one = shot_ids(cut["plan"])[0]

    with django_capture_on_commit_callbacks() as callbacks:
        response = _put(cut, [_item(one, 0, 40)])

    assert response.status_code == 200 and callbacks, "sent once the map is committed"
    room = events_on(f"version:{cut['version'].pk}", "shot_map.updated")
    assert room == [{"shot_map": response.json()}]
    project = f"project:{cut['ctx'].project.pk}"
    assert events_on(project, "plan.shot_feedback.changed")[-1]["plan_id"] == str(cut["plan"].pk)


def test_linking_tells_the_project_and_every_version(cut):
    second = VersionFactory(asset=cut["asset"], number=2)

    cut["ctx"].client("editor").put(link_url(cut["asset"]), {"plan_id": str(cut["plan"].pk)}, format="json")

    project = f"project:{cut['ctx'].project.pk}"
    updated = events_on(project, "asset.updated")[-1]
    assert updated["asset"]["plan_id"] == str(cut["plan"].pk)
    assert updated["changes"] == {"plan_id": [None, str(cut["plan"].pk)]}
    for version in (cut["version"], second):
        maps = events_on(f"version:{version.pk}", "shot_map.updated")
        assert [m["shot_map"]["source"] for m in maps] == ["plan"]
    cut["ctx"].client("editor").delete(link_url(cut["asset"]))
    assert events_on(f"version:{second.pk}", "shot_map.updated")[-1]["shot_map"]["source"] == "none"


def test_a_plan_edit_that_moves_shots_remaps_the_linked_versions(cut):
    linked(cut)
    result = cut["plan"].result
    longer = {**result, "shots": [{**result["shots"][0], "duration_seconds": 4}, *result["shots"][1:]]}
    plan_url = reverse("plan-detail", kwargs={"plan_id": cut["plan"].pk})
    editor = cut["ctx"].client("editor")

    assert editor.patch(plan_url, {"result": longer}, format="json").status_code == 200
    assert editor.patch(plan_url, {"result": {**longer, "logline": "새 로그라인"}}, format="json").status_code == 200

    maps = events_on(f"version:{cut['version'].pk}", "shot_map.updated")
    assert len(maps) == 1, "an edit that leaves the shots alone remaps nothing"
    assert [(s["number"], s["start_frame"], s["end_frame"]) for s in maps[0]["shot_map"]["shots"]] == [
        (1, 0, 100),
        (2, 100, 175),
        (3, 175, 200),
    ]
