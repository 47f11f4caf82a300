"""Feedback triage batching and the version digest, through the real job pipeline: comments
are posted over HTTP, the real `openai` client talks to the local fake server, Celery runs
eagerly (the task bodies are what is tested; `test_feedback_ai_worker.py` runs a real worker).
Time travel goes through the flush tasks' `now` argument, never sleep."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.ai_planning import feedback_ai
from apps.ai_planning.models import AIJob, AISettings, AIUsage, VersionDigest
from apps.ai_planning.services import ai_settings_for
from apps.ai_planning.tasks import ai_job_run, ai_jobs_sweep, feedback_triage_flush, feedback_triage_flush_due
from apps.core.models import StreamEvent
from apps.core.tests.assertions import assert_error
from apps.feedbacks.models import TRIAGE_CATEGORIES, Feedback
from apps.feedbacks.tests.factories import AssetFactory, FeedbackFactory, ShareLinkFactory, VersionFactory

pytestmark = pytest.mark.django_db

BODIES = [
    "색감이 너무 차가워요, 그레이딩 다시",
    "음악 볼륨이 대사보다 커요",
    "자막 오타: '제픔' → '제품'",
    "이 컷은 조금 더 길게",
    "초점이 나갔어요",
    "로고 위치가 애매합니다",
]


@pytest.fixture
def team(project_with_roles, fake_openai):
    return project_with_roles


@pytest.fixture
def version(team):
    return VersionFactory(asset=AssetFactory(project=team.project, title="메인 컷"))


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Runs a callable and then what its commits dispatched (tasks, eagerly)."""

    def go(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return go


@pytest.fixture
def comment(team, version, run):
    def post(body="코멘트", *, actor="reviewer", frame=10, **extra):
        response = run(
            team.client(actor).post,
            reverse("version-feedback", kwargs={"version_id": version.pk}),
            {"body": body, **({"frame": frame} if frame is not None else {}), **extra},
            format="json",
        )
        assert response.status_code == 201, response.content
        return response.json()

    return post


def later(seconds: float) -> str:
    return (timezone.now() + datetime.timedelta(seconds=seconds)).isoformat()


def triage_calls(fake) -> list[list[str]]:
    """The comment ids sent in each triage call."""
    from tests.fake_openai import comments_in

    return [[c["id"] for c in comments_in(call["body"])] for call in fake.calls_named("feedback_triage")]


def events_of(version, prefix: str) -> list[tuple[str, dict]]:
    rows = StreamEvent.objects.filter(stream=f"version:{version.pk}", type__startswith=prefix).order_by("seq")
    return [(row.type, row.data) for row in rows]


# --- triage --------------------------------------------------------------------------------------


def test_25_comments_become_3_triage_calls(team, version, comment, run, fake_openai):
    ids = [comment(BODIES[i % len(BODIES)] + f" #{i}", frame=i)["id"] for i in range(25)]

    # Two full batches went at once; five wait for the 30-second rule.
    assert [len(batch) for batch in triage_calls(fake_openai)] == [10, 10]
    assert Feedback.objects.filter(triage_queued_at__isnull=False, triage_job_id__isnull=True).count() == 5
    run(feedback_triage_flush.delay, str(team.project.pk), later(31))

    calls = triage_calls(fake_openai)
    assert [len(batch) for batch in calls] == [10, 10, 5]
    assert sorted(sum(calls, [])) == sorted(ids)  # every comment exactly once
    jobs = AIJob.objects.filter(kind=AIJob.Kind.FEEDBACK_TRIAGE)
    assert jobs.count() == 3 and set(jobs.values_list("status", flat=True)) == {AIJob.Status.SUCCEEDED}
    assert AIUsage.objects.filter(kind=AIJob.Kind.FEEDBACK_TRIAGE, cache_hit=False).count() == 3
    assert all(job.cost_usd > 0 and job.priority == AIJob.Priority.LOW for job in jobs)
    # Saved on each comment, shown to members, pushed on the version's stream.
    for feedback in Feedback.objects.filter(pk__in=ids):
        assert feedback.triage["category"] in TRIAGE_CATEGORIES
    listed = team.client("viewer").get(
        reverse("version-feedback", kwargs={"version_id": version.pk}), {"page_size": 50}
    )
    triages = [item["triage"] for item in listed.json()["results"]]
    assert len(triages) == 25 and all(set(t) == {"category", "priority", "actionable"} for t in triages)
    by_id = {item["id"]: item["triage"] for item in listed.json()["results"]}
    assert by_id[ids[0]]["category"] == "colour" and by_id[ids[1]]["category"] == "sound"
    assert by_id[ids[2]]["category"] == "text"
    triaged = events_of(version, "feedback.triaged")
    assert len(triaged) == 25
    assert {data["feedback_id"] for _, data in triaged} == set(ids)
    assert all(data["triage"] == data["feedback"]["triage"] for _, data in triaged)


def test_an_urgent_comment_is_sent_at_once_with_what_waits(team, comment, fake_openai):
    waiting = [comment(f"초점이 나갔어요 {i}")["id"] for i in range(3)]
    assert triage_calls(fake_openai) == []

    urgent = comment("자막 오타가 있어요, 오늘 납품!", urgent=True)

    assert urgent["urgent"] is True
    calls = triage_calls(fake_openai)
    assert len(calls) == 1 and sorted(calls[0]) == sorted([urgent["id"], *waiting])
    job = AIJob.objects.get(kind=AIJob.Kind.FEEDBACK_TRIAGE)
    assert job.priority == AIJob.Priority.URGENT and job.status == AIJob.Status.SUCCEEDED
    assert Feedback.objects.get(pk=urgent["id"]).triage["priority"] == "urgent"


def test_the_oldest_comment_waits_30_seconds_at_most(team, comment, run, fake_openai):
    comment("음악이 커요")
    comment("컷 길이")

    run(feedback_triage_flush.delay, str(team.project.pk), later(20))
    run(feedback_triage_flush_due.delay, later(25))
    assert triage_calls(fake_openai) == []

    run(feedback_triage_flush_due.delay, later(31))  # the beat: the only sender once the wait is over
    assert [len(batch) for batch in triage_calls(fake_openai)] == [2]
    run(feedback_triage_flush_due.delay, later(120))  # nothing left: no further call
    assert len(triage_calls(fake_openai)) == 1


def test_a_batch_delivered_twice_is_called_and_charged_once(team, version, fake_openai):
    for index in range(3):
        FeedbackFactory(version=version, body=f"노출 {index}", triage_queued_at=timezone.now())
    jobs = feedback_ai.triage_flush(project_id=team.project.pk, now=later(31))  # commit hooks not run: no task yet
    again = feedback_ai.triage_flush(project_id=team.project.pk, now=later(31))
    assert len(jobs) == 1 and again == []

    ai_job_run.delay(str(jobs[0].pk))
    ai_job_run.delay(str(jobs[0].pk))  # redelivered (acks_late + worker restart)

    assert len(triage_calls(fake_openai)) == 1
    job = AIJob.objects.get(pk=jobs[0].pk)
    usage = AIUsage.objects.filter(job=job)
    assert job.status == AIJob.Status.SUCCEEDED and job.attempts == 1
    assert usage.count() == 1 and job.cost_usd == usage.get().cost_usd
    assert len(events_of(version, "feedback.triaged")) == 3


def test_a_failing_triage_job_keeps_its_comments_until_retried(team, version, comment, run, fake_openai):
    fake_openai.default = "500"
    ids = [comment(f"화면 {i}")["id"] for i in range(10)]
    job = AIJob.objects.get(kind=AIJob.Kind.FEEDBACK_TRIAGE)
    assert job.status == AIJob.Status.QUEUED and job.retry_at is not None
    run(ai_jobs_sweep.delay, job.retry_at.isoformat())  # the beat sends the retry once it is due

    job.refresh_from_db()
    assert job.status == AIJob.Status.NEEDS_ATTENTION and job.attempts == 2
    assert set(Feedback.objects.filter(pk__in=ids).values_list("triage_job_id", flat=True)) == {job.pk}
    assert not Feedback.objects.filter(pk__in=ids, triage__isnull=False).exists()
    # Not picked up again by a flush (no double charge); the retry sends them.
    run(feedback_triage_flush_due.delay, later(600))
    assert AIJob.objects.filter(kind=AIJob.Kind.FEEDBACK_TRIAGE).count() == 1

    fake_openai.default = "ok"
    response = run(team.client("editor").post, reverse("ai-job-retry", kwargs={"job_id": job.pk}))

    assert response.status_code == 202, response.content
    job.refresh_from_db()
    assert job.status == AIJob.Status.SUCCEEDED
    assert Feedback.objects.filter(pk__in=ids, triage__isnull=False).count() == 10


def test_an_invalid_triage_answer_is_asked_again_once(team, comment, fake_openai):
    fake_openai.queue("missing_fields")
    for index in range(10):
        comment(f"색 {index}")

    job = AIJob.objects.get(kind=AIJob.Kind.FEEDBACK_TRIAGE)
    assert job.status == AIJob.Status.SUCCEEDED
    assert len(triage_calls(fake_openai)) == 2
    assert AIUsage.objects.filter(job=job, outcome=AIUsage.Outcome.INVALID).count() == 1


def test_without_ai_comments_are_not_queued(team, version, comment, no_ai, fake_openai):
    created = comment("음악 볼륨")

    assert created["triage"] is None
    assert Feedback.objects.get(pk=created["id"]).triage_queued_at is None
    assert feedback_ai.triage_flush_due(now=later(600)) == 0
    assert fake_openai.call_count == 0


def test_over_budget_comments_wait_in_the_queue(team, comment, run, fake_openai):
    ai_settings = ai_settings_for(team.project)
    AISettings.objects.filter(pk=ai_settings.pk).update(monthly_budget_usd=Decimal("0.01"))
    AIUsage.objects.create(project=team.project, kind="plan", model="gpt-4o-mini", cost_usd=Decimal("0.01"))
    created = comment("자막", urgent=True)

    assert fake_openai.call_count == 0 and not AIJob.objects.filter(kind=AIJob.Kind.FEEDBACK_TRIAGE).exists()
    assert Feedback.objects.get(pk=created["id"]).triage_job_id is None  # still queued

    AISettings.objects.filter(pk=ai_settings.pk).update(monthly_budget_usd=Decimal("10"))
    run(feedback_triage_flush_due.delay, later(1))
    assert len(triage_calls(fake_openai)) == 1
    assert Feedback.objects.get(pk=created["id"]).triage["category"] == "text"


def test_editing_the_text_triages_again_and_replies_are_not_triaged(team, comment, run, fake_openai):
    created = comment("초점", urgent=True)
    reply = comment("동의합니다", parent_id=created["id"], frame=None)
    assert Feedback.objects.get(pk=reply["id"]).triage_queued_at is None

    response = run(
        team.client("reviewer").patch,
        reverse("feedback-detail", kwargs={"feedback_id": created["id"]}),
        {"body": "음악이 너무 커요"},
        format="json",
    )
    assert response.status_code == 200
    run(feedback_triage_flush_due.delay, later(31))
    assert len(triage_calls(fake_openai)) == 2
    assert Feedback.objects.get(pk=created["id"]).triage["category"] == "sound"


def test_urgent_is_refused_on_a_reply(team, comment):
    created = comment("초점")
    response = team.client("reviewer").post(
        reverse("version-feedback", kwargs={"version_id": created["version_id"]}),
        {"body": "re", "parent_id": created["id"], "urgent": True},
        format="json",
    )
    assert_error(response, 400, "validation_error", details={"urgent"})


def test_guest_and_internal_comments_are_triaged_but_guests_never_see_it(team, version, comment, run, fake_openai):
    link = ShareLinkFactory(version=version)
    response = run(
        team.client("anonymous").post,
        reverse("share-feedback", kwargs={"token": link.token}),
        {"guest_name": "클라이언트", "body": "로고 색이 달라요", "frame": 5},
        format="json",
    )
    assert response.status_code == 201, response.content
    internal = comment("내부 메모: 음악 교체", internal=True, actor="editor")  # a reviewer may not write one
    run(feedback_triage_flush_due.delay, later(31))

    assert len(triage_calls(fake_openai)) == 1
    assert Feedback.objects.filter(triage__isnull=False).count() == 2
    assert Feedback.objects.get(pk=internal["id"]).triage["category"] == "sound"
    page = team.client("anonymous").get(reverse("share-page", kwargs={"token": link.token}))
    assert page.status_code == 200 and "triage" not in page.content.decode()


# --- digest --------------------------------------------------------------------------------------


def _digest_url(version) -> str:
    return reverse("version-digest", kwargs={"version_id": version.pk})


def _seed(version, count=6):
    return [FeedbackFactory(version=version, body=BODIES[i % len(BODIES)], frame=i * 10) for i in range(count)]


def test_a_digest_cites_only_real_ids(team, version, run, fake_openai):
    mine = _seed(version)
    FeedbackFactory(version=version, parent=mine[0], body="동의")  # a reply: context, not citable
    deleted = FeedbackFactory(version=version, body="지운 코멘트", deleted_at=timezone.now())
    other_version = VersionFactory(asset=version.asset)
    elsewhere = FeedbackFactory(version=other_version, body="다른 버전의 색감")
    invented = str(uuid.uuid4())
    fake_openai.invent_ids = [invented, str(elsewhere.pk), str(deleted.pk)]

    response = run(team.client("reviewer").post, _digest_url(version))

    assert response.status_code == 202, response.content
    assert response.json()["job"]["kind"] == "feedback_digest"
    got = team.client("viewer").get(_digest_url(version))
    assert got.status_code == 200
    digest = got.json()["digest"]
    assert digest["status"] == "succeeded" and digest["feedback_count"] == 6
    assert digest["dropped_ids_count"] == 3
    cited = [fid for group in digest["result"]["groups"] for point in group["points"] for fid in point["feedback_ids"]]
    assert set(cited) == {str(f.pk) for f in mine}
    assert [g["category"] for g in digest["result"]["groups"]] == [
        c for c in TRIAGE_CATEGORIES if c in {g["category"] for g in digest["result"]["groups"]}
    ]
    assert all(point["text"] != "invented" for g in digest["result"]["groups"] for point in g["points"])
    assert digest["result"]["overview"]
    assert set(VersionDigest.objects.get().dropped_ids) == {invented, str(elsewhere.pk), str(deleted.pk)}
    # Only this version's live comments were shown to the model.
    from tests.fake_openai import comments_in

    shown = {c["id"] for c in comments_in(fake_openai.calls_named("feedback_digest")[0]["body"])}
    assert shown == {str(f.pk) for f in mine}
    kinds = [kind for kind, _ in events_of(version, "digest.")]
    assert kinds[-1] == "digest.succeeded" and kinds.count("digest.progress") >= 3
    percents = [data["percent"] for kind, data in events_of(version, "digest.progress")]
    assert percents == sorted(percents) and percents[-1] == 100
    assert events_of(version, "digest.succeeded")[0][1]["digest"]["result"] == digest["result"]


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("owner", 202),
        ("manager", 202),
        ("editor", 202),
        ("reviewer", 202),
        ("viewer", 403),
        ("non_member", 404),
        ("anonymous", 401),
    ],
)
def test_who_may_ask_for_a_digest(team, version, run, actor, status):
    _seed(version, 2)
    response = run(team.client(actor).post, _digest_url(version))
    assert response.status_code == status, response.content


@pytest.mark.parametrize(("actor", "status"), [("viewer", 200), ("non_member", 404), ("anonymous", 401)])
def test_who_may_read_a_digest(team, version, run, actor, status):
    _seed(version, 2)
    run(team.client("reviewer").post, _digest_url(version))
    assert team.client(actor).get(_digest_url(version)).status_code == status


def test_a_version_of_another_project_is_not_found(team, run):
    foreign = VersionFactory(asset=AssetFactory(project=team.other))
    _seed(foreign, 2)
    assert_error(team.client("owner").post(_digest_url(foreign)), 404, "not_found")
    assert_error(team.client("owner").get(_digest_url(foreign)), 404, "not_found")


def test_no_digest_yet_and_nothing_to_digest(team, version):
    # No digest yet is an empty state (200), not an error that every page load would log.
    response = team.client("viewer").get(_digest_url(version))
    assert response.status_code == 200 and response.json() == {"digest": None}
    assert_error(team.client("reviewer").post(_digest_url(version)), 409, "no_feedback")


def test_a_digest_without_ai_is_503(team, version, no_ai):
    _seed(version, 2)
    error = assert_error(team.client("reviewer").post(_digest_url(version)), 503, "ai_not_configured")
    assert "OPENAI_API_KEY" in error["message"]
    assert not AIJob.objects.exists()


def test_a_digest_over_budget_is_refused(team, version):
    _seed(version, 2)
    ai_settings = ai_settings_for(team.project)
    AISettings.objects.filter(pk=ai_settings.pk).update(monthly_budget_usd=Decimal("0.01"))
    AIUsage.objects.create(project=team.project, kind="plan", model="gpt-4o-mini", cost_usd=Decimal("0.01"))

    error = assert_error(team.client("reviewer").post(_digest_url(version)), 402, "budget_exceeded")

    assert error["details"]["budget_usd"] == "0.010000"
    assert not VersionDigest.objects.exists() and not AIJob.objects.exists()


def test_a_costly_digest_waits_for_approval(team, version, run, fake_openai):
    _seed(version, 3)
    AISettings.objects.filter(pk=ai_settings_for(team.project).pk).update(approval_threshold_usd=Decimal("0"))

    response = run(team.client("reviewer").post, _digest_url(version))

    assert response.status_code == 202 and response.json()["status"] == "awaiting_approval"
    assert fake_openai.call_count == 0
    # Asking again while it waits returns the same digest.
    again = run(team.client("editor").post, _digest_url(version))
    assert again.json()["id"] == response.json()["id"]
    approve = run(
        team.client("manager").post, reverse("ai-job-approve", kwargs={"job_id": response.json()["job"]["id"]})
    )
    assert approve.status_code == 200, approve.content
    assert team.client("viewer").get(_digest_url(version)).json()["digest"]["status"] == "succeeded"


def test_a_failing_digest_is_reported_and_can_be_retried(team, version, run, fake_openai):
    _seed(version, 2)
    fake_openai.default = "503"

    response = run(team.client("reviewer").post, _digest_url(version))
    job = AIJob.objects.get(kind=AIJob.Kind.FEEDBACK_DIGEST)
    run(ai_jobs_sweep.delay, job.retry_at.isoformat())  # its retry, sent by the beat when due

    digest = team.client("viewer").get(_digest_url(version)).json()["digest"]
    assert digest["status"] == "needs_attention" and digest["result"] is None
    failed = events_of(version, "digest.failed")
    assert len(failed) == 1 and failed[0][1]["digest_id"] == response.json()["id"] and failed[0][1]["error"]

    fake_openai.default = "ok"
    retry = run(team.client("editor").post, reverse("ai-job-retry", kwargs={"job_id": digest["job"]["id"]}))
    assert retry.status_code == 202, retry.content
    assert team.client("viewer").get(_digest_url(version)).json()["digest"]["status"] == "succeeded"


def test_clean_digest_merges_categories_and_drops_empty_points():
    real = {"a", "b"}
    result, dropped = feedback_ai.clean_digest(
        {
            "overview": "o",
            "groups": [
                {"category": "sound", "points": [{"text": "x", "feedback_ids": ["a", "a", "zz"]}]},
                {"category": "colour", "points": [{"text": "y", "feedback_ids": ["zz"]}]},
                {"category": "sound", "points": [{"text": "z", "feedback_ids": ["b"]}]},
            ],
        },
        real,
    )
    assert dropped == ["zz"]
    assert result == {
        "overview": "o",
        "groups": [
            {
                "category": "sound",
                "points": [{"text": "x", "feedback_ids": ["a"]}, {"text": "z", "feedback_ids": ["b"]}],
            }
        ],
    }
