"""Plan progress arrives in order over /ws/projects/<id>/ (real ASGI app, real Redis layer)."""

import pytest
from channels.db import database_sync_to_async

from apps.ai_planning import planning, services
from apps.projects.tests.test_consumers import hello_of, join

from .factories import BriefFactory

pytestmark = pytest.mark.django_db(transaction=True)


async def test_plan_progress_events_arrive_in_order(project_with_roles, fake_openai):
    ctx = project_with_roles
    brief = await database_sync_to_async(BriefFactory)(project=ctx.project, created_by=ctx.users["editor"])
    viewer = await join(ctx.project.pk, ctx.users["viewer"])
    hello = await hello_of(viewer)

    # Outside a test transaction the commit really happens, so the eager task runs right here.
    job = await database_sync_to_async(services.plan_request)(brief=brief, actor=ctx.users["editor"])

    received = []
    while not received or received[-1]["type"] != "plan.succeeded":
        message = await viewer.receive_json_from(timeout=10)
        if message["type"].startswith(("plan.", "ai_job.")):
            received.append(message)
    await viewer.disconnect()

    seqs = [message["seq"] for message in received]
    assert seqs == sorted(seqs) and seqs[0] > hello["seq"]
    progress = [m["data"] for m in received if m["type"] == "plan.progress"]
    assert [p["step"] for p in progress] == [*planning.STEPS, "done"]
    assert [p["percent"] for p in progress] == sorted(p["percent"] for p in progress) and progress[-1]["percent"] == 100
    assert {p["plan_id"] for p in progress} == {str(job.plan_id)}
    types = [m["type"] for m in received]
    assert types[:3] == ["ai_job.queued", "ai_job.started", "plan.progress"]
    assert types[-3:] == ["ai_job.succeeded", "plan.progress", "plan.succeeded"]
    succeeded = received[-1]["data"]
    assert succeeded["plan"]["id"] == str(job.plan_id) and succeeded["plan"]["status"] == "succeeded"


async def test_triage_and_digest_events_arrive_on_the_version_stream(project_with_roles, fake_openai):
    """What the review room sees: `feedback.triaged` per comment, then the digest's progress in
    order and `digest.succeeded` with the whole digest."""
    from apps.ai_planning import feedback_ai
    from apps.feedbacks.services import feedback_create
    from apps.feedbacks.tests.factories import AssetFactory, VersionFactory

    ctx = project_with_roles
    version = await database_sync_to_async(VersionFactory)(
        asset=await database_sync_to_async(AssetFactory)(project=ctx.project)
    )
    viewer = await join(ctx.project.pk, ctx.users["viewer"], path=f"/ws/versions/{version.pk}/")
    hello = await hello_of(viewer)

    urgent = await database_sync_to_async(feedback_create)(
        version=version, author=ctx.users["reviewer"], body="자막 오타", frame=3, urgent=True
    )
    digest = await database_sync_to_async(feedback_ai.digest_request)(version=version, actor=ctx.users["reviewer"])

    received = []
    while not received or received[-1]["type"] != "digest.succeeded":
        message = await viewer.receive_json_from(timeout=10)
        if message["type"] in ("feedback.triaged",) or message["type"].startswith("digest."):
            received.append(message)
    await viewer.disconnect()

    assert received[0]["type"] == "feedback.triaged" and received[0]["seq"] > hello["seq"]
    assert received[0]["data"]["feedback_id"] == str(urgent.pk)
    assert received[0]["data"]["triage"] == {"category": "text", "priority": "urgent", "actionable": True}
    digest_events = [m for m in received if m["type"].startswith("digest.")]
    assert {m["data"]["digest_id"] for m in digest_events} == {str(digest.pk)}
    percents = [m["data"]["percent"] for m in digest_events if m["type"] == "digest.progress"]
    assert percents == [0, 10, 30, 100]
    cited = received[-1]["data"]["digest"]["result"]["groups"][0]["points"][0]["feedback_ids"]
    assert cited == [str(urgent.pk)]
