"""An account whose e-mail address is not verified yet (anyone can register any address) is
never matched by that address: no in-app invitation notice, no accepting the invitation,
no adding it as a member by e-mail. Through the real HTTP path."""

import pytest
from django.urls import reverse

from apps.core.models import Notification
from apps.core.tests.assertions import assert_error
from apps.projects.models import Membership, Role
from tests.factories import UserFactory

from .factories import InvitationFactory

pytestmark = pytest.mark.django_db


def test_an_invitation_to_an_unverified_address_notifies_no_account(
    project_with_roles, mailoutbox, django_capture_on_commit_callbacks
):
    ctx = project_with_roles
    squatter = UserFactory(email="someone@example.com", email_verified=False, locale="en")

    with django_capture_on_commit_callbacks(execute=True):
        response = ctx.client(Role.MANAGER).post(
            reverse("project-invitations", kwargs={"project_id": ctx.project.pk}),
            {"email": "someone@example.com", "role": Role.EDITOR},
            format="json",
        )

    assert response.status_code == 201, response.content
    assert not Notification.objects.filter(recipient=squatter).exists()
    [message] = mailoutbox  # the mailbox still gets the link, in the inviter's language
    assert message.to == ["someone@example.com"]
    assert ctx.users[Role.MANAGER].locale == "ko" and "초대" in message.subject


def test_an_unverified_account_cannot_accept_an_invitation_to_its_address(project_with_roles, client_of):
    ctx = project_with_roles
    squatter = UserFactory(email="someone@example.com", email_verified=False)
    invitation = InvitationFactory(project=ctx.project, email="someone@example.com", role=Role.EDITOR)

    response = client_of(squatter).post(reverse("invitation-accept", kwargs={"token": invitation.token}))

    assert_error(response, 403, "invitation_email_mismatch")
    assert not Membership.objects.filter(project=ctx.project, user=squatter).exists()
    invitation.refresh_from_db()
    assert invitation.state == "pending"


def test_a_verified_account_accepts_the_same_invitation(project_with_roles, client_of):
    ctx = project_with_roles
    owner_of_address = UserFactory(email="someone@example.com")  # verified
    invitation = InvitationFactory(project=ctx.project, email="someone@example.com", role=Role.EDITOR)

    response = client_of(owner_of_address).post(reverse("invitation-accept", kwargs={"token": invitation.token}))

    assert response.status_code == 200, response.content


def test_adding_a_member_by_an_unverified_address_is_refused_like_an_unknown_one(project_with_roles):
    ctx = project_with_roles
    squatter = UserFactory(email="someone@example.com", email_verified=False)
    members = reverse("project-members", kwargs={"project_id": ctx.project.pk})

    unverified = ctx.client(Role.MANAGER).post(members, {"email": squatter.email, "role": Role.VIEWER}, format="json")
    unknown = ctx.client(Role.MANAGER).post(
        members, {"email": "nobody@example.com", "role": Role.VIEWER}, format="json"
    )

    a = assert_error(unverified, 400, "validation_error", details={"email"})
    b = assert_error(unknown, 400, "validation_error", details={"email"})
    assert a["details"] == b["details"]
    assert not Membership.objects.filter(project=ctx.project, user=squatter).exists()
