"""A role reaches people as its label in their language (the frontend's words), never as its
code: the invitation e-mail and the role-changed notification."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from apps.core.notify import PARAM_LABELS
from apps.projects.models import Role

from .conftest import client_for

pytestmark = pytest.mark.django_db

MESSAGES_DIR = Path(settings.BASE_DIR) / "frontend" / "src" / "shared" / "i18n" / "messages"


def _invite(ctx, email: str, role: str):
    return ctx.client(Role.MANAGER).post(
        reverse("project-invitations", kwargs={"project_id": ctx.project.pk}),
        {"email": email, "role": role},
        format="json",
    )


def test_role_labels_are_the_frontends_words_for_every_role():
    ko = json.loads((MESSAGES_DIR / "ko" / "projects.json").read_text())["projectRole"]
    en = json.loads((MESSAGES_DIR / "en" / "projects.json").read_text())["projectRole"]
    assert set(PARAM_LABELS["role"]) == set(Role.values)
    assert PARAM_LABELS["role"] == {role: (ko[role], en[role]) for role in Role.values}


def test_korean_invitation_email_names_the_role_in_korean(
    project_with_roles, mailoutbox, django_capture_on_commit_callbacks
):
    ctx = project_with_roles  # the manager invites; no account yet, so the inviter's language (ko)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(ctx, "newcomer@example.com", Role.EDITOR)

    assert response.status_code == 201, response.content
    (message,) = mailoutbox
    html = message.alternatives[0][0]
    assert '"Brand film" 프로젝트에 편집자 역할로 초대했습니다' in message.body
    assert "<strong>편집자</strong> 역할로" in html
    assert "editor" not in message.body + html + message.subject


def test_english_invitation_email_names_the_role_in_english(
    project_with_roles, mailoutbox, django_capture_on_commit_callbacks
):
    ctx = project_with_roles
    ctx.candidate.locale = "en"
    ctx.candidate.save(update_fields=["locale"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(ctx, ctx.candidate.email, Role.REVIEWER)

    assert response.status_code == 201, response.content
    (message,) = mailoutbox
    html = message.alternatives[0][0]
    assert 'project "Brand film" as Reviewer.' in message.body
    assert "<strong>Reviewer</strong>" in html
    assert "reviewer" not in message.body + html + message.subject


def test_role_changed_notification_names_the_role_in_the_readers_language(project_with_roles):
    ctx = project_with_roles
    response = ctx.client(Role.MANAGER).patch(
        reverse("project-member", kwargs={"project_id": ctx.project.pk, "user_id": ctx.target.user_id}),
        {"role": Role.REVIEWER},
        format="json",
    )
    assert response.status_code == 200, response.content
    reader = client_for(ctx.target.user)

    (korean,) = reader.get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="ko").json()["results"]
    assert korean["title"] == "Brand film에서 역할이 변경되었습니다: 리뷰어"

    # The reader switches to English the way the frontend does (profile + Accept-Language).
    assert reader.patch("/api/v1/users/me/", {"locale": "en"}, format="json").status_code == 200
    (english,) = reader.get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert english["title"] == "Your role in Brand film is now Reviewer"
