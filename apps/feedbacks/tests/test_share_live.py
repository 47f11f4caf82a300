"""Share-link guests: the still-open comments carried over from the previous version, and the
room live over `/ws/share/` (a ticket from the link), through the real ASGI app and Redis."""

import json

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from rest_framework.test import APIClient

from apps.core.ws.tickets import ticket_issue
from apps.feedbacks import services
from apps.feedbacks.guest_events import guest_feedback
from apps.feedbacks.models import Feedback
from apps.feedbacks.serializers.feedback import FeedbackOut, GuestFeedbackOut
from apps.feedbacks.tests.conftest import url
from apps.projects.models import Role
from config.asgi import application

from .factories import FeedbackFactory, ShareLinkFactory, VersionFactory

ORIGIN = (b"origin", b"http://localhost:3000")
MEMBER_ONLY_KEYS = {"email", "mentions", "triage", "internal", "user", "user_ids", "activity", "resolved_by"}


def keys_of(value) -> set[str]:
    """Every key anywhere in a JSON value."""
    if isinstance(value, dict):
        return set(value) | set().union(*(keys_of(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(keys_of(item) for item in value)) if value else set()
    return set()


# --- carried over ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_guest_sees_the_open_comments_carried_over_from_the_previous_version(review):
    first = review.version
    still_open = review.feedback
    FeedbackFactory(version=first, author=review.users[Role.REVIEWER], resolved_at=timezone.now(), body="고쳤어요")
    FeedbackFactory(version=first, author=review.users[Role.EDITOR], internal=True, body="내부 메모")
    second = VersionFactory(asset=review.asset, number=2)
    services.carry_over(version=second)
    own = FeedbackFactory(version=second, author=review.users[Role.EDITOR], body="새 버전 의견")
    link = ShareLinkFactory(version=second)

    response = APIClient().get(url("share-page", token=link.token))

    assert response.status_code == 200, response.content
    listed = {item["id"]: item for item in response.json()["feedback"]}
    assert set(listed) == {str(still_open.pk), str(own.pk)}  # not the resolved, not the internal one
    assert (listed[str(still_open.pk)]["carried_over"], listed[str(still_open.pk)]["version_number"]) == (True, 1)
    assert (listed[str(own.pk)]["carried_over"], listed[str(own.pk)]["version_number"]) == (False, 2)


@pytest.mark.django_db
def test_a_comment_resolved_on_the_new_version_leaves_the_guest_page(review):
    second = VersionFactory(asset=review.asset, number=2)
    services.carry_over(version=second)
    link = ShareLinkFactory(version=second)
    services.feedback_resolve(feedback=review.feedback, actor=review.users[Role.EDITOR], resolved=True)

    assert APIClient().get(url("share-page", token=link.token)).json()["feedback"] == []


@pytest.mark.django_db
def test_the_guest_shape_built_from_a_members_event_is_the_share_pages(review):
    """guest_events.guest_feedback (the socket) and GuestFeedbackOut (the page) agree."""
    root = FeedbackFactory(version=review.version, author=None, guest_name="Client", body="로고", annotation=None)
    FeedbackFactory(version=review.version, parent=root, author=review.users[Role.EDITOR], body="네")
    FeedbackFactory(version=review.version, parent=root, author=review.users[Role.EDITOR], internal=True)
    FeedbackFactory(version=review.version, parent=root, author=review.users[Role.EDITOR], deleted_at=timezone.now())
    services.reaction_add(feedback=root, user=review.users[Role.OWNER], emoji="👍")
    second = VersionFactory(asset=review.asset, number=2)
    services.carry_over(version=second)
    context = {"version_id": second.pk}
    for comment in (root, review.feedback):
        comment = Feedback.objects.get(pk=comment.pk)
        member = json.loads(json.dumps(FeedbackOut(comment, context=context).data))
        page = json.loads(json.dumps(GuestFeedbackOut(comment, context=context).data))
        assert guest_feedback(member) == page


# --- live -------------------------------------------------------------------------------------------


async def guest_socket(link, password=None):
    headers = {"HTTP_X_SHARE_PASSWORD": password} if password else {}
    response = await sync_to_async(APIClient().post)(url("share-ws-ticket", token=link.token), **headers)
    assert response.status_code == 200, response.content
    communicator = WebsocketCommunicator(
        application, f"/ws/share/?ticket={response.json()['ticket']}", headers=[ORIGIN]
    )
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return communicator


async def next_event(communicator, timeout=5) -> dict:
    message = await communicator.receive_json_from(timeout=timeout)
    assert "seq" in message, message
    return message


@pytest.mark.django_db(transaction=True)
async def test_a_guest_gets_comments_and_reactions_live_and_never_internal_ones(review):
    link = review.link
    guest = await guest_socket(link)
    try:
        hello = await guest.receive_json_from(timeout=5)
        assert (hello["type"], hello["stream"], hello["presence"]) == ("hello", f"version:{review.version.pk}", [])
        editor, owner = review.users[Role.EDITOR], review.users[Role.OWNER]
        create = database_sync_to_async(services.feedback_create)
        await create(version=review.version, author=editor, body="팀 메모", frame=5, internal=True)
        public = await create(version=review.version, author=editor, body="@owner 로고 크게", frame=12)
        await database_sync_to_async(services.reaction_add)(feedback=public, user=owner, emoji="👍")
        await database_sync_to_async(services.feedback_resolve)(feedback=public, actor=editor, resolved=True)

        created, reacted, resolved = [await next_event(guest) for _ in range(3)]
        assert await guest.receive_nothing(timeout=0.5)  # the internal note never came
        assert created["type"] == "feedback.created"
        comment = created["data"]["feedback"]
        assert (comment["id"], comment["body"], comment["author"]) == (
            str(public.pk),
            "@owner 로고 크게",
            {"display_name": editor.display_name, "is_guest": False},
        )
        assert reacted["type"] == "reaction.added"
        assert reacted["data"]["reactions"] == [{"emoji": "👍", "count": 1}]
        assert (resolved["type"], resolved["data"]["feedback"]["resolved"]) == ("feedback.resolved", True)
        assert not keys_of([created, reacted, resolved]) & MEMBER_ONLY_KEYS, "members' details reached a guest"
        assert created["seq"] < reacted["seq"] < resolved["seq"]
    finally:
        await guest.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_guest_who_reconnects_gets_what_was_missed(review):
    guest = await guest_socket(review.link)
    hello = await guest.receive_json_from(timeout=5)
    await guest.disconnect()
    comment = await database_sync_to_async(services.feedback_create)(
        version=review.version, author=review.users[Role.REVIEWER], body="놓친 의견", frame=3
    )
    ticket = (await sync_to_async(APIClient().post)(url("share-ws-ticket", token=review.link.token))).json()["ticket"]
    again = WebsocketCommunicator(application, f"/ws/share/?ticket={ticket}&after={hello['seq']}", headers=[ORIGIN])
    try:
        assert (await again.connect(timeout=5))[0]
        assert (await again.receive_json_from(timeout=5))["type"] == "hello"
        missed = await next_event(again)
        assert (missed["type"], missed["data"]["feedback"]["id"]) == ("feedback.created", str(comment.pk))
    finally:
        await again.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_revoked_link_closes_the_guests_socket_at_the_next_event(review):
    guest = await guest_socket(review.link)
    try:
        await guest.receive_json_from(timeout=5)
        await database_sync_to_async(services.share_link_revoke)(link=review.link, actor=review.users[Role.OWNER])
        await database_sync_to_async(services.feedback_create)(
            version=review.version, author=review.users[Role.EDITOR], body="이후", frame=4
        )
        assert await guest.receive_output(timeout=5) == {"type": "websocket.close", "code": 4403}
    finally:
        await guest.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_password_link_gives_a_ticket_only_with_its_password(review):
    link = await database_sync_to_async(ShareLinkFactory)(
        version=review.version, permission="view", password_hash=make_password("open sesame")
    )
    refused = await sync_to_async(APIClient().post)(url("share-ws-ticket", token=link.token))
    assert (refused.status_code, refused.json()["error"]["code"]) == (401, "share_password_required")
    guest = await guest_socket(link, password="open sesame")  # a view-only link follows the room too
    try:
        assert (await guest.receive_json_from(timeout=5))["type"] == "hello"
    finally:
        await guest.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("who", ["member ticket", "no ticket", "the share token itself", "a revoked link's ticket"])
async def test_only_a_usable_links_ticket_opens_the_guest_stream(review, who):
    if who == "member ticket":
        query = "?ticket=" + await sync_to_async(ticket_issue)(user_id=review.users[Role.OWNER].pk)
    elif who == "no ticket":
        query = ""
    elif who == "the share token itself":
        query = f"?ticket={review.link.token}"
    else:
        revoked = await database_sync_to_async(ShareLinkFactory)(version=review.version, revoked=True)
        query = "?ticket=" + await sync_to_async(ticket_issue)(grant={"share_link": str(revoked.pk)})
    communicator = WebsocketCommunicator(application, "/ws/share/" + query, headers=[ORIGIN])
    try:
        assert (await communicator.connect(timeout=5))[0]
        expected = 4404 if who == "a revoked link's ticket" else 4401
        assert await communicator.receive_output(timeout=5) == {"type": "websocket.close", "code": expected}
    finally:
        await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_guest_ticket_opens_no_members_stream(review):
    ticket = (await sync_to_async(APIClient().post)(url("share-ws-ticket", token=review.link.token))).json()["ticket"]
    communicator = WebsocketCommunicator(
        application, f"/ws/versions/{review.version.pk}/?ticket={ticket}", headers=[ORIGIN]
    )
    try:
        assert (await communicator.connect(timeout=5))[0]
        assert await communicator.receive_output(timeout=5) == {"type": "websocket.close", "code": 4401}
    finally:
        await communicator.disconnect()
