"""Notification e-mail through the real path: a comment posted over the API notifies, the beat
sweep (Celery, eager in tests) sends the instant e-mail once it is due, in the recipient's
language, with one-click unsubscribe; preferences, reading first, a second run and the daily
digest decide what goes out. Also: notifications are rendered in the reader's current language."""

from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from apps.core import tasks
from apps.core.models import Notification, StreamEvent
from apps.core.tests.assertions import assert_error
from apps.projects.models import Role
from apps.projects.tests.conftest import client_for
from apps.projects.tests.factories import MembershipFactory, ProjectFactory

from .conftest import url
from .factories import AssetFactory, FeedbackFactory, VersionFactory

pytestmark = pytest.mark.django_db

PREFERENCES = "/api/v1/notifications/preferences/"


def comment(review, body: dict, actor=Role.REVIEWER, version=None):
    version = version or review.version
    response = review.client(actor).post(url("version-feedback", version_id=version.pk), body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def mention(review, user) -> dict:
    return comment(review, {"body": "@편집 확인 부탁", "frame": 30, "mention_ids": [str(user.pk)]})


def run_due(seconds_later: int | None = None) -> int:
    """The beat sweep, run as if `seconds_later` (default: just past the wait) had passed."""
    later = settings.NOTIFICATION_EMAIL_DELAY_SECONDS + 1 if seconds_later is None else seconds_later
    return tasks.notification_emails_due.delay(now=(timezone.now() + timedelta(seconds=later)).isoformat()).get()


def set_mode(user, kind: str, mode: str) -> None:
    response = client_for(user).put(PREFERENCES, {"kinds": [{"kind": kind, "mode": mode}]}, format="json")
    assert response.status_code == 200, response.content


def to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


@pytest.fixture
def editor(review):
    editor = review.users[Role.EDITOR]
    editor.locale = "en"
    editor.save(update_fields=["locale"])
    return editor


# --- instant e-mail ---------------------------------------------------------------------------


def test_mention_emails_the_teammate_in_their_language_with_one_click_unsubscribe(review, editor):
    created = mention(review, editor)

    assert run_due(seconds_later=0) == 0  # not before the wait: they may read it in the app
    assert mail.outbox == []
    assert run_due() == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [editor.email]
    assert message.subject == f"[VideoPlanet] reviewer mentioned you on 메인 편집본 v1 {created['smpte']}"
    assert "Open it:" in message.body and f"&feedback={created['id']}" in message.body
    html = message.alternatives[0][0]
    assert "Unsubscribe" in html and f"{settings.FRONTEND_URL}/unsubscribe/" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert one_click.startswith(f"{settings.API_PUBLIC_URL}/api/v1/notifications/unsubscribe/")
    assert Notification.objects.get(recipient=editor).emailed_at is not None


def test_korean_recipient_gets_korean_mail(review):
    editor = review.users[Role.EDITOR]  # locale ko (the default)
    mention(review, editor)
    run_due()

    assert len(mail.outbox) == 1
    assert "회원님을 언급했습니다" in mail.outbox[0].subject
    assert "바로 가기" in mail.outbox[0].body


def test_preference_off_means_no_notification_and_no_mail(review, editor):
    set_mode(editor, "mention", "off")

    mention(review, editor)
    run_due()

    assert not Notification.objects.filter(recipient=editor).exists()
    assert mail.outbox == []


def test_preference_in_app_keeps_the_notification_without_mail(review, editor):
    set_mode(editor, "mention", "in_app")

    mention(review, editor)
    run_due()

    assert Notification.objects.filter(recipient=editor, key="feedback.mentioned").count() == 1
    assert mail.outbox == []


def test_no_mail_when_read_in_the_app_before_the_send(review, editor):
    mention(review, editor)
    notification = Notification.objects.get(recipient=editor)
    read = client_for(editor).post(f"/api/v1/notifications/{notification.pk}/read/")
    assert read.status_code == 200

    assert run_due() == 0
    assert tasks.notification_email_send.delay(str(notification.pk)).get() is False
    assert mail.outbox == []


def test_running_the_send_twice_mails_once(review, editor):
    mention(review, editor)
    notification = Notification.objects.get(recipient=editor)

    run_due()
    run_due()
    assert tasks.notification_email_send.delay(str(notification.pk)).get() is False

    assert len(mail.outbox) == 1


def test_unsubscribe_link_works_without_sign_in_and_stops_the_kinds_email(review, editor, api_client):
    mention(review, editor)
    run_due()
    path = urlparse(mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")).path

    shown = api_client.get(path)
    assert shown.status_code == 200, shown.content
    assert shown.json()["kinds"] == ["mention"]
    assert shown.json()["email"].endswith(editor.email.split("@")[1]) and editor.email not in shown.json()["email"]

    # RFC 8058: the mail client POSTs this form body, no cookie, no token.
    done = api_client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert done.status_code == 200, done.content

    modes = {item["kind"]: item["mode"] for item in client_for(editor).get(PREFERENCES).json()["kinds"]}
    assert modes["mention"] == "in_app"
    assert modes["reply"] == "digest"  # the other kinds keep theirs
    mail.outbox.clear()
    mention(review, editor)
    run_due()
    assert Notification.objects.filter(recipient=editor).count() == 2  # the bell still rings
    assert mail.outbox == []  # but no e-mail


def test_unsubscribe_link_opened_in_a_browser_goes_to_the_confirm_page(review, editor, api_client):
    mention(review, editor)
    run_due()
    path = urlparse(mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")).path
    token = path.rstrip("/").rsplit("/", 1)[1]

    opened = api_client.get(path, HTTP_ACCEPT="text/html,application/xhtml+xml")

    assert opened.status_code == 302
    assert opened["Location"] == f"{settings.FRONTEND_URL}/unsubscribe/{token}"
    modes = {item["kind"]: item["mode"] for item in client_for(editor).get(PREFERENCES).json()["kinds"]}
    assert modes["mention"] == "instant"  # nothing changes before the person confirms


def test_unsubscribe_with_a_bad_signature_is_400(review, editor, api_client):
    mention(review, editor)
    run_due()
    path = urlparse(mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")).path
    forged = path.rstrip("/")[:-3] + "abc/"

    assert_error(api_client.post(forged), 400, "unsubscribe_link_invalid")
    assert_error(api_client.get("/api/v1/notifications/unsubscribe/not-a-token/"), 400, "unsubscribe_link_invalid")
    modes = {item["kind"]: item["mode"] for item in client_for(editor).get(PREFERENCES).json()["kinds"]}
    assert modes["mention"] == "instant"


def test_no_mail_to_an_unverified_address(review, editor):
    type(editor).objects.filter(pk=editor.pk).update(email_verified=False)
    own = FeedbackFactory(version=review.version, author=editor, body="첫 컷")

    mention(review, editor)
    comment(review, {"body": "답글", "parent_id": str(own.pk)})
    run_due()
    tasks.notification_digests_send.delay().get()

    assert Notification.objects.filter(recipient=editor).count() == 2  # still told in the app
    assert to(editor) == []


# --- daily digest -----------------------------------------------------------------------------


def test_digest_groups_by_project_once_a_day(review, editor):
    # Replies (a digest kind by default) to the editor's comments in two projects.
    own = FeedbackFactory(version=review.version, author=editor, body="첫 컷")
    second = ProjectFactory(name="Second film")
    MembershipFactory(project=second, user=editor, role=Role.EDITOR)
    director = MembershipFactory(project=second, role=Role.MANAGER).user
    other_version = VersionFactory(asset=AssetFactory(project=second, title="Teaser"), number=2)
    own_there = FeedbackFactory(version=other_version, author=editor, body="자막")
    comment(review, {"body": "수정했어요", "parent_id": str(own.pk)})
    reply = client_for(director).post(
        url("version-feedback", version_id=other_version.pk),
        {"body": "확인", "parent_id": str(own_there.pk)},
        format="json",
    )
    assert reply.status_code == 201, reply.content
    mention(review, editor)  # instant: its own e-mail, not the digest's
    run_due()
    assert len(mail.outbox) == 1

    # The editor's, and the uploaders' (told of the new comments on their versions).
    assert tasks.notification_digests_send.delay().get() == 3

    digests = to(editor)[1:]
    assert len(digests) == 1
    digest = digests[0]
    assert digest.subject == "[VideoPlanet] Your daily digest: 2 notifications"
    assert "■ Brand film" in digest.body and "■ Second film" in digest.body
    assert digest.body.index("replied to your comment on 메인 편집본 v1") < digest.body.index("■ Second film")
    assert f"&feedback={reply.json()['id']}" in digest.body  # the exact comment (and its timecode)
    assert "mentioned you" not in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The same day again: nothing, even with something new.
    comment(review, {"body": "하나 더", "parent_id": str(own.pk)})
    sent = len(mail.outbox)
    assert tasks.notification_digests_send.delay().get() == 0
    assert len(mail.outbox) == sent


def test_digest_skips_what_was_read_and_people_who_chose_otherwise(review, editor):
    review.version.uploaded_by = None  # nobody else is told of these replies
    review.version.save(update_fields=["uploaded_by"])
    own = FeedbackFactory(version=review.version, author=editor, body="첫 컷")
    comment(review, {"body": "수정했어요", "parent_id": str(own.pk)})
    notification = Notification.objects.get(recipient=editor)
    client_for(editor).post(f"/api/v1/notifications/{notification.pk}/read/")

    assert tasks.notification_digests_send.delay().get() == 0

    set_mode(editor, "reply", "in_app")
    comment(review, {"body": "또", "parent_id": str(own.pk)})
    assert tasks.notification_digests_send.delay().get() == 0
    assert mail.outbox == []


# --- rendered in the reader's language --------------------------------------------------------


def test_notification_follows_the_readers_language(review):
    editor = review.users[Role.EDITOR]  # Korean when it is created
    mention(review, editor)
    event = StreamEvent.objects.filter(stream=f"user:{editor.pk}", type="notification.created").get()
    assert "회원님을 언급했습니다" in event.data["title"]  # the realtime event: the recipient's language

    client = client_for(editor)
    assert client.patch("/api/v1/users/me/", {"locale": "en"}, format="json").status_code == 200
    listed = client.get("/api/v1/notifications/").json()["results"]

    assert listed[0]["title"].startswith("reviewer mentioned you on 메인 편집본 v1")


def test_realtime_event_is_in_the_recipients_language(review, editor):
    mention(review, editor)

    event = StreamEvent.objects.filter(stream=f"user:{editor.pk}", type="notification.created").get()
    assert event.data["title"].startswith("reviewer mentioned you")


def test_rows_without_a_key_keep_their_stored_title(review, editor):
    Notification.objects.create(recipient=editor, verb="system.message", title="점검 안내")

    listed = client_for(editor).get("/api/v1/notifications/").json()["results"]

    assert listed[0]["title"] == "점검 안내"


# --- comment on my version --------------------------------------------------------------------


def test_a_comment_on_my_version_notifies_its_uploader_once(review, editor):
    review.version.uploaded_by = editor
    review.version.save(update_fields=["uploaded_by"])

    created = comment(review, {"body": "색이 달라요", "frame": 40})
    mention(review, editor)  # a mention is told as a mention, not a second time as a comment

    keys = list(Notification.objects.filter(recipient=editor).order_by("created_at").values_list("key", flat=True))
    assert keys == ["feedback.commented", "feedback.mentioned"]
    listed = client_for(editor).get("/api/v1/notifications/").json()["results"]
    assert listed[-1]["title"] == f"reviewer commented on 메인 편집본 v1 {created['smpte']}"
    # Straight to the asset's review room at this version and comment (no redirect page).
    version = review.version
    assert listed[-1]["url"] == f"/assets/{version.asset_id}?version={version.pk}&feedback={created['id']}"


def test_an_internal_note_on_a_reviewers_version_does_not_reach_them(review):
    reviewer = review.users[Role.REVIEWER]
    review.version.uploaded_by = reviewer
    review.version.save(update_fields=["uploaded_by"])

    comment(review, {"body": "팀끼리만", "frame": 40, "internal": True}, actor=Role.EDITOR)
    comment(review, {"body": "모두에게", "frame": 41}, actor=Role.EDITOR)

    assert list(Notification.objects.filter(recipient=reviewer).values_list("key", flat=True)) == ["feedback.commented"]
