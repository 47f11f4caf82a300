"""Review attention through HTTP: players report the frame ranges they played (members and
share-link guests), stored merged per person per version; the team reads the heat strip and
everyone's share; everyone else only their own; decisions keep what they rested on.
The review fixture's version is 10 s at 25 fps (250 frames)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from apps.core.tests.assertions import assert_error
from apps.feedbacks.models import ReviewDecision, WatchRecord
from apps.projects.models import Membership, Role
from apps.projects.tests.factories import MembershipFactory

from .conftest import url
from .factories import ShareLinkFactory, VersionFactory

pytestmark = pytest.mark.django_db

GUEST_KEY = "guest-key-0123456789abcdef"


def report(review, actor, ranges, version=None):
    return review.client(actor).post(
        url("version-attention-me", version_id=(version or review.version).pk), {"ranges": ranges}, format="json"
    )


def guest_report(link, ranges, key=GUEST_KEY, name="", client=None):
    body = {"guest_key": key, "ranges": ranges, **({"guest_name": name} if name else {})}
    return (client or APIClient()).post(url("share-attention", token=link.token), body, format="json")


def team_view(review, actor=Role.EDITOR):
    return review.client(actor).get(url("version-attention", version_id=review.version.pk))


def spans(ranges):
    return [[item["start_frame"], item["end_frame"]] for item in ranges]


# --- reporting and merging ---------------------------------------------------------------------


def test_reports_are_merged_into_one_record_per_person(review):
    report(review, Role.REVIEWER, [[0, 50]])
    report(review, Role.REVIEWER, [[40, 100], [150, 200]])

    response = report(review, Role.REVIEWER, [[100, 110]])

    assert response.status_code == 200, response.content
    body = response.json()
    assert spans(body["watched"]) == [[0, 110], [150, 200]]
    assert body["percent"] == 64.0  # 160 of 250 frames
    assert spans(body["unwatched"]) == [[110, 150], [200, 250]]
    assert body["unwatched"][0] == {"start_frame": 110, "end_frame": 150, "start": 4.4, "end": 6.0}
    record = WatchRecord.objects.get(version=review.version, viewer=review.users[Role.REVIEWER])
    assert (record.ranges, record.watched_frames) == ([[0, 110], [150, 200]], 160)


def test_gaps_shorter_than_a_second_count_in_the_share_but_are_not_listed(review):
    body = report(review, Role.REVIEWER, [[0, 120], [130, 245]]).json()  # 10 and 5 frames missing

    assert (body["percent"], body["unwatched"]) == (94.0, [])


def test_each_member_has_their_own_record_and_reads_only_it(review):
    report(review, Role.REVIEWER, [[0, 250]])
    report(review, Role.VIEWER, [[0, 25]])

    mine = review.client(Role.VIEWER).get(url("version-attention-me", version_id=review.version.pk)).json()

    assert (mine["percent"], spans(mine["watched"])) == (10.0, [[0, 25]])
    assert WatchRecord.objects.filter(version=review.version).count() == 2


def test_nothing_played_is_zero_percent_and_all_unwatched(review):
    body = review.client(Role.REVIEWER).get(url("version-attention-me", version_id=review.version.pk)).json()

    assert (body["percent"], body["watched"], spans(body["unwatched"])) == (0.0, [], [[0, 250]])


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ranges",
    [[[10, 10]], [[20, 10]], [[0, 251]], [[-1, 5]], [[1, 2, 3]], [[1]], [], "0-10", [["a", "b"]], [None]],
    ids=[
        "empty",
        "backwards",
        "past-the-end",
        "negative",
        "three-items",
        "one-item",
        "none",
        "string",
        "words",
        "null",
    ],
)
def test_report_rejects_bad_ranges(review, ranges):
    response = report(review, Role.REVIEWER, ranges)

    assert_error(response, 400, "validation_error", details={"ranges"})
    assert not WatchRecord.objects.exists()


def test_report_rejects_more_ranges_than_one_report_may_carry(review):
    response = report(review, Role.REVIEWER, [[n * 2, n * 2 + 1] for n in range(101)])

    assert_error(response, 400, "validation_error", details={"ranges"})


def test_report_rejects_a_body_that_is_not_json(review):
    response = review.client(Role.REVIEWER).post(
        url("version-attention-me", version_id=review.version.pk), "{ranges: [[0,", content_type="application/json"
    )

    assert_error(response, 400, "parse_error")


def test_report_rejects_a_huge_body(review):
    response = report(review, Role.REVIEWER, [[0, 1]] * 200_000)

    assert response.status_code in (400, 413)
    assert response.json()["error"]["code"] in ("validation_error", "payload_too_large")
    assert not WatchRecord.objects.exists()


def test_report_rejects_unknown_fields(review):
    response = review.client(Role.REVIEWER).post(
        url("version-attention-me", version_id=review.version.pk),
        {"ranges": [[0, 10]], "viewer": str(review.users[Role.OWNER].pk)},
        format="json",
    )

    assert_error(response, 400, "validation_error", details={"viewer"})


def test_report_on_a_version_not_ready_is_a_conflict(review):
    processing = VersionFactory(asset=review.asset, number=2, processing=True)

    assert_error(report(review, Role.REVIEWER, [[0, 10]], version=processing), 409, "version_not_ready")


def test_another_projects_version_is_not_found(review):
    response = report(review, Role.OWNER, [[0, 10]], version=review.other_version)

    assert_error(response, 404, "not_found")
    got = review.client(Role.OWNER).get(url("version-attention", version_id=review.other_version.pk))
    assert_error(got, 404, "not_found")
    assert not WatchRecord.objects.exists()


def test_too_many_separate_parts_are_refused(review, monkeypatch):
    monkeypatch.setattr("apps.feedbacks.services.attention.MAX_STORED_RANGES", 3)
    report(review, Role.REVIEWER, [[0, 5], [10, 15], [20, 25]])

    response = report(review, Role.REVIEWER, [[30, 35]])

    assert_error(response, 422, "watch_ranges_fragmented")
    assert response.json()["error"]["message"] == "이 버전에 기록된 시청 구간이 너무 잘게 나뉘어 더 기록할 수 없습니다."
    assert WatchRecord.objects.get().ranges == [[0, 5], [10, 15], [20, 25]]
    assert report(review, Role.REVIEWER, [[5, 10]]).status_code == 200  # joining pieces is fine


def test_reports_are_rate_limited_per_person_and_version(review, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "attention": "2/min"},
    }
    assert report(review, Role.REVIEWER, [[0, 10]]).status_code == 200
    assert report(review, Role.REVIEWER, [[10, 20]]).status_code == 200

    error = assert_error(report(review, Role.REVIEWER, [[20, 30]]), 429, "throttled")

    assert 0 < error["details"]["retry_after"] <= 60
    assert report(review, Role.VIEWER, [[0, 10]]).status_code == 200  # someone else's budget
    assert WatchRecord.objects.get(viewer=review.users[Role.REVIEWER]).ranges == [[0, 20]]


# --- guests ---------------------------------------------------------------------------------------


def test_a_guest_reports_and_reads_their_own_share(review):
    guest_report(review.link, [[0, 100]], name="Client Kim")

    response = guest_report(review.link, [[100, 125]])

    assert response.status_code == 200, response.content
    assert response.json()["percent"] == 50.0
    record = WatchRecord.objects.get(share_link=review.link)
    assert (record.guest_key, record.guest_name, record.viewer) == (GUEST_KEY, "Client Kim", None)
    mine = APIClient().get(url("share-attention", token=review.link.token), {"guest_key": GUEST_KEY})
    assert spans(mine.json()["watched"]) == [[0, 125]]


def test_a_view_only_link_reports_too(review):
    link = ShareLinkFactory(version=review.version, permission="view")

    assert guest_report(link, [[0, 10]]).status_code == 200


def test_a_guest_key_on_another_link_is_another_person(review):
    guest_report(review.link, [[0, 250]])

    other = APIClient().get(url("share-attention", token=review.other_link.token), {"guest_key": GUEST_KEY})
    second_link = ShareLinkFactory(version=review.version)
    same_version = APIClient().get(url("share-attention", token=second_link.token), {"guest_key": GUEST_KEY})

    assert other.json()["percent"] == 0.0
    assert same_version.json()["percent"] == 0.0
    guest_report(review.other_link, [[0, 10]])
    assert WatchRecord.objects.get(share_link=review.other_link).version == review.other_version


@pytest.mark.parametrize("key", ["short", "x" * 65, "has spaces in it!!", ""], ids=["short", "long", "spaces", "empty"])
def test_a_guest_key_must_be_a_random_token(review, key):
    assert_error(guest_report(review.link, [[0, 10]], key=key), 400, "validation_error", details={"guest_key"})


def test_guests_of_a_dead_or_locked_link_report_nothing(review):
    revoked = ShareLinkFactory(version=review.version, revoked=True)
    locked = ShareLinkFactory(version=review.version, password_hash="md5$x$y")

    assert_error(guest_report(revoked, [[0, 10]]), 410, "share_link_revoked")
    assert_error(guest_report(locked, [[0, 10]]), 401, "share_password_required")
    assert not WatchRecord.objects.exists()


def test_a_share_token_is_no_key_to_the_member_routes(review):
    guest = APIClient()
    guest.credentials(HTTP_AUTHORIZATION=f"Bearer {review.link.token}")

    assert guest.get(url("version-attention", version_id=review.version.pk)).status_code == 401
    posted = guest.post(url("version-attention-me", version_id=review.version.pk), {"ranges": [[0, 1]]}, format="json")
    assert posted.status_code == 401


# --- how many guests one link records ---------------------------------------------------------------


def guest_keys(count: int, prefix: str = "capped-guest") -> list[str]:
    return [f"{prefix}-{index:08}" for index in range(count)]


def test_a_link_records_at_most_share_link_max_guests(review, settings):
    settings.SHARE_LINK_MAX_GUESTS = 3
    for key in guest_keys(3):
        assert guest_report(review.link, [[0, 10]], key=key).status_code == 200

    refused = guest_report(review.link, [[0, 10]], key="one-guest-too-many-0001")

    error = assert_error(refused, 409, "share_link_guests_full")
    assert error["message"].startswith("이 공유 링크로 기록할 수 있는 게스트 수를 넘었습니다.")
    assert error["details"] == {"max_guests": 3}
    assert WatchRecord.objects.filter(share_link=review.link).count() == 3
    assert not WatchRecord.objects.filter(guest_key="one-guest-too-many-0001").exists()


def test_guests_already_recorded_keep_reporting_and_repeats_count_once(review, settings):
    settings.SHARE_LINK_MAX_GUESTS = 2
    first, second = guest_keys(2)
    for _ in range(3):  # the same report sent again (a retry, a double submit)
        assert guest_report(review.link, [[0, 10]], key=first).status_code == 200
    assert guest_report(review.link, [[0, 10]], key=second).status_code == 200

    assert guest_report(review.link, [[10, 20]], key=first).status_code == 200
    assert guest_report(review.link, [[0, 10]], key="a-third-guest-00001").status_code == 409

    assert WatchRecord.objects.filter(share_link=review.link).count() == 2
    assert WatchRecord.objects.get(guest_key=first).ranges == [[0, 20]]


def test_the_guest_cap_is_per_link_and_leaves_members_alone(review, settings):
    settings.SHARE_LINK_MAX_GUESTS = 1
    guest_report(review.link, [[0, 10]], key="first-guest-000001")
    second_link = ShareLinkFactory(version=review.version)

    assert guest_report(second_link, [[0, 10]], key="second-guest-00001").status_code == 200
    assert report(review, Role.REVIEWER, [[0, 10]]).status_code == 200
    assert WatchRecord.objects.filter(version=review.version).count() == 3


def test_a_guest_past_the_cap_reads_an_empty_share(review, settings):
    settings.SHARE_LINK_MAX_GUESTS = 1
    guest_report(review.link, [[0, 10]], key="first-guest-000001")

    mine = APIClient().get(url("share-attention", token=review.link.token), {"guest_key": "late-guest-0000001"})

    assert (mine.status_code, mine.json()["percent"]) == (200, 0.0)
    assert WatchRecord.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"guest_key": "huge-ranges-000001", "ranges": [[0, 1]] * 200_000},
        {"guest_key": "huge-name-00000001", "ranges": [[0, 1]], "guest_name": "김" * 100_000},
        {"guest_key": "k" * 100_000, "ranges": [[0, 1]]},
        {"guest_key": "huge-number-000001", "ranges": [[0, 10**400]]},
    ],
    ids=["ranges", "name", "key", "number"],
)
def test_a_guest_report_rejects_huge_input_and_writes_nothing(review, body):
    response = APIClient().post(url("share-attention", token=review.link.token), body, format="json")

    assert response.status_code in (400, 413), response.content[:300]
    assert response.json()["error"]["code"] in ("validation_error", "payload_too_large")
    assert not WatchRecord.objects.exists()


# --- the team's view --------------------------------------------------------------------------------


def test_the_team_sees_the_heat_strip_and_everyones_share(review):
    report(review, Role.REVIEWER, [[0, 125]])  # seconds 0–4
    report(review, Role.VIEWER, [[100, 200]])  # seconds 4–7
    guest_report(review.link, [[0, 50]], name="Client Kim")  # seconds 0–1
    report(review, Role.EDITOR, [[0, 250]])  # the team's own playback is not in the strip

    response = team_view(review, Role.MANAGER)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["seconds"] == [2, 2, 1, 1, 2, 1, 1, 1, 0, 0]
    assert (body["audience"], body["frame_count"], body["fps"]) == (3, 250, 25.0)
    people = {person["name"]: person for person in body["people"]}
    assert [person["in_strip"] for person in body["people"]] == [True, True, True, False]
    kim = people["Client Kim"]
    assert (kim["kind"], kim["user"], kim["role"], kim["percent"], kim["seconds"]) == (
        "guest",
        None,
        None,
        20.0,
        [[0, 2]],
    )
    reviewer = people[review.users[Role.REVIEWER].display_name]
    assert (reviewer["kind"], reviewer["role"], reviewer["user"]["id"]) == (
        "member",
        "reviewer",
        str(review.users[Role.REVIEWER].pk),
    )
    assert (reviewer["seconds"], spans(reviewer["unwatched"])) == ([[0, 5]], [[125, 250]])
    assert people[review.users[Role.EDITOR].display_name]["percent"] == 100.0


def test_someone_who_left_the_project_is_left_out(review):
    report(review, Role.VIEWER, [[0, 250]])
    Membership.objects.filter(project=review.project, user=review.users[Role.VIEWER]).delete()

    body = team_view(review).json()

    assert (body["people"], body["audience"], set(body["seconds"])) == ([], 0, {0})


@pytest.mark.parametrize("actor", [Role.REVIEWER, Role.VIEWER])
def test_the_client_side_may_not_see_the_team_view(review, actor):
    assert_error(team_view(review, actor), 403, "permission_denied")


def test_the_team_view_costs_the_same_queries_for_more_people(review):
    def add_people(count: int, batch: str) -> None:
        for index in range(count):
            member = MembershipFactory(project=review.project, role=Role.REVIEWER).user
            WatchRecord.objects.create(version=review.version, viewer=member, ranges=[[0, 5]], watched_frames=5)
            key = f"guest-key-{batch}-{index:04}"
            WatchRecord.objects.create(version=review.version, share_link=review.link, guest_key=key, ranges=[[0, 5]])

    add_people(1, "a")
    team_view(review)  # warm (the session's first request)
    with CaptureQueriesContext(connection) as few:
        team_view(review)
    add_people(10, "b")
    with CaptureQueriesContext(connection) as many:
        body = team_view(review).json()

    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(body["people"]) == 22


# --- decisions ---------------------------------------------------------------------------------------


def decide(review, actor, status):
    return review.client(actor).patch(
        url("version-detail", version_id=review.version.pk), {"review_status": status}, format="json"
    )


def test_a_decision_keeps_what_it_was_based_on(review):
    report(review, Role.REVIEWER, [[0, 100]])

    response = decide(review, Role.REVIEWER, "approved")

    assert response.status_code == 200, response.content
    decision = ReviewDecision.objects.get(version=review.version, reviewer=review.users[Role.REVIEWER])
    assert (decision.watched_percent, decision.unwatched) == (40.0, [[100, 250]])
    # Reviewers and viewers never see it on the version; the team reads it with the attention.
    assert set(response.json()["decisions"][0]) == {"reviewer", "decision", "comment", "decided_at"}
    basis = team_view(review).json()["decisions"]
    assert [(d["reviewer"]["id"], d["decision"], d["watched_percent"]) for d in basis] == [
        (str(review.users[Role.REVIEWER].pk), "approved", 40.0)
    ]
    assert basis[0]["unwatched"] == [{"start_frame": 100, "end_frame": 250, "start": 4.0, "end": 10.0}]


def test_deciding_again_after_watching_the_rest_updates_the_basis(review):
    decide(review, Role.REVIEWER, "changes_requested")
    assert ReviewDecision.objects.get().watched_percent == 0.0

    report(review, Role.REVIEWER, [[0, 250]])
    decide(review, Role.REVIEWER, "approved")

    decision = ReviewDecision.objects.get()
    assert (decision.decision, decision.watched_percent, decision.unwatched) == ("approved", 100.0, [])


# --- retention ----------------------------------------------------------------------------------------


def test_records_go_with_the_version(review):
    report(review, Role.REVIEWER, [[0, 100]])
    guest_report(review.link, [[0, 100]])

    response = review.client(Role.MANAGER).delete(url("asset-detail", asset_id=review.asset.pk))

    assert response.status_code == 204, response.content
    assert not WatchRecord.objects.exists()
