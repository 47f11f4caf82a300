"""Services and selectors called directly: what HTTP tests cannot reach easily
(rollbacks, concurrency, the role-assignment rule as a whole)."""

import datetime
import threading
import time

import pytest
from django.db import connection, transaction

from apps.core import events
from apps.core.errors import Conflict
from apps.core.models import StreamEvent
from apps.projects import selectors, services
from apps.projects.models import Activity, Membership, Phase, Role
from apps.projects.permissions import MANAGE, ROLE_ACTIONS, ROLE_RANK, can_assign
from apps.projects.services import members as member_services
from tests.factories import UserFactory

from .conftest import stream_types
from .factories import InvitationFactory, MembershipFactory, PhaseFactory, ProjectFactory

pytestmark = pytest.mark.django_db

ROLES_AND_NONE = [None, *ROLE_ACTIONS]


@pytest.mark.parametrize("new", ROLES_AND_NONE)
@pytest.mark.parametrize("current", ROLES_AND_NONE)
@pytest.mark.parametrize("actor", ROLES_AND_NONE)
def test_can_assign_never_reaches_above_the_actors_own_role(actor, current, new):
    allowed = can_assign(actor, current, new)
    if actor is None or MANAGE not in ROLE_ACTIONS[actor]:
        assert allowed is False
    else:
        above = any(role is not None and ROLE_RANK[role] > ROLE_RANK[actor] for role in (current, new))
        assert allowed is not above


def test_can_assign_matches_the_designs_examples():
    assert not can_assign(Role.MANAGER, Role.VIEWER, Role.OWNER)  # grant owner
    assert not can_assign(Role.MANAGER, Role.OWNER, Role.VIEWER)  # change an owner
    assert not can_assign(Role.MANAGER, Role.OWNER, None)  # remove an owner
    assert can_assign(Role.MANAGER, Role.VIEWER, Role.MANAGER)
    assert can_assign(Role.OWNER, Role.MANAGER, Role.OWNER)
    assert not can_assign(Role.EDITOR, Role.VIEWER, Role.REVIEWER)


def test_project_create_records_the_creation_without_an_event():
    owner = UserFactory()

    project = services.project_create(owner=owner, name="Teaser", deadline=datetime.date(2026, 12, 31))

    assert Membership.objects.get(project=project).user == owner
    assert Membership.objects.get(project=project).role == Role.OWNER
    assert list(Activity.objects.filter(project=project).values_list("verb", flat=True)) == ["project.created"]
    assert stream_types(project) == []  # nobody can be listening to a project that did not exist


def test_a_rolled_back_change_publishes_nothing(django_capture_on_commit_callbacks):
    project = ProjectFactory()

    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.phase_create(
                project=project,
                actor=project.owner,
                name="Shoot",
                start=datetime.date(2026, 5, 1),
                end=datetime.date(2026, 5, 2),
            )
            raise RuntimeError("the caller failed after the service")

    assert callbacks == []
    assert not Phase.objects.filter(project=project).exists()
    assert not StreamEvent.objects.filter(stream=services.project_stream(project)).exists()
    assert events.latest_seq(services.project_stream(project)) == 0, "a rolled back event gives its seq back"


def test_events_after_commit_reach_the_group(django_capture_on_commit_callbacks):
    project = ProjectFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        services.project_update(project=project, actor=project.owner, data={"status": "review"})
    assert len(callbacks) == 1  # the send is deferred until the caller's transaction commits
    event = StreamEvent.objects.get(stream=services.project_stream(project))
    assert (event.seq, event.type) == (1, "project.updated")
    assert event.data["project"]["status"] == "review"
    assert event.data["changes"] == {"status": {"before": "planning", "after": "review"}}


def test_project_update_without_a_real_change_records_nothing():
    project = ProjectFactory(name="Same")
    services.project_update(project=project, actor=project.owner, data={"name": "Same"})
    assert not Activity.objects.filter(project=project).exists()
    assert stream_types(project) == []


def test_phases_reorder_swaps_despite_the_unique_order():
    project = ProjectFactory()
    a, b, c = (PhaseFactory(project=project) for _ in range(3))

    ordered = services.phases_reorder(project=project, actor=project.owner, phase_ids=[c.pk, a.pk, b.pk])

    assert [phase.pk for phase in ordered] == [c.pk, a.pk, b.pk]
    assert list(Phase.objects.filter(project=project).order_by("order").values_list("pk", "order")) == [
        (c.pk, 1),
        (a.pk, 2),
        (b.pk, 3),
    ]


def test_phase_create_appends_after_the_last_order():
    project = ProjectFactory()
    PhaseFactory(project=project, order=7)
    phase = services.phase_create(
        project=project, actor=project.owner, name="Mix", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 1)
    )
    assert phase.order == 8


def test_phase_update_to_a_taken_order_is_a_conflict():
    project = ProjectFactory()
    first, second = PhaseFactory(project=project), PhaseFactory(project=project)
    with pytest.raises(Conflict):
        services.phase_update(phase=second, actor=project.owner, data={"order": first.order})


def test_selectors_count_every_member_and_give_the_callers_role():
    project = ProjectFactory()
    viewer = MembershipFactory(project=project, role=Role.VIEWER).user
    MembershipFactory(project=project, role=Role.EDITOR)

    mine = selectors.projects_for_user(user=viewer).get()

    assert mine.pk == project.pk
    assert mine.my_role == Role.VIEWER
    assert mine.member_count == 3


def test_phase_for_user_does_not_find_another_projects_phase():
    from django.http import Http404

    phase = PhaseFactory()
    outsider = MembershipFactory().user  # a member of some other project
    with pytest.raises(Http404):
        selectors.phase_for_user(user=outsider, phase_id=phase.pk)
    assert selectors.phase_for_user(user=phase.project.owner, phase_id=phase.pk) == phase


def test_invitation_create_refuses_a_pending_one_for_the_same_email_and_replaces_an_expired_one():
    project = ProjectFactory()
    pending = InvitationFactory(project=project, email="same@example.com", role=Role.VIEWER)

    with pytest.raises(services.AlreadyInvited) as refused:
        services.invitation_create(project=project, actor=project.owner, email=" Same@Example.COM ", role="editor")
    assert refused.value.details == {"role": Role.VIEWER, "invitation_id": str(pending.pk)}
    pending.refresh_from_db()
    assert (pending.state, pending.role) == ("pending", Role.VIEWER)

    expired = InvitationFactory(project=project, email="late@example.com", expired=True)
    new = services.invitation_create(project=project, actor=project.owner, email=" Late@Example.COM ", role="editor")
    expired.refresh_from_db()
    assert expired.state == "revoked"
    assert new.email == "late@example.com"


def test_invitation_accept_matches_the_email_case_insensitively():
    invitation = InvitationFactory(email="mixed@example.com", role=Role.EDITOR)
    user = UserFactory(email="Mixed@Example.com")

    membership = services.invitation_accept(token=invitation.token, user=user)

    assert (membership.project_id, membership.role) == (invitation.project_id, Role.EDITOR)


def test_invitation_accept_by_someone_already_a_member_is_a_conflict():
    project = ProjectFactory()
    member = MembershipFactory(project=project, role=Role.VIEWER).user
    invitation = InvitationFactory(project=project, email=member.email, role=Role.MANAGER)

    with pytest.raises(services.AlreadyMember):
        services.invitation_accept(token=invitation.token, user=member)

    assert Membership.objects.get(project=project, user=member).role == Role.VIEWER
    invitation.refresh_from_db()
    assert invitation.state == "pending"


def test_removing_the_recorded_owner_moves_project_owner_to_another_owner():
    project = ProjectFactory()
    co_owner = MembershipFactory(project=project, role=Role.OWNER)
    recorded = Membership.objects.get(project=project, user=project.owner)

    services.member_remove(project=project, actor=project.owner, membership=recorded)

    project.refresh_from_db()
    assert project.owner_id == co_owner.user_id


def test_project_delete_publishes_on_the_stream_it_leaves_behind():
    project = ProjectFactory()
    services.project_update(project=project, actor=project.owner, data={"name": "Before delete"})
    stream = services.project_stream(project)

    services.project_delete(project=project, actor=project.owner)

    assert list(StreamEvent.objects.filter(stream=stream).order_by("seq").values_list("seq", "type")) == [
        (1, "project.updated"),
        (2, "project.deleted"),
    ]


@pytest.mark.django_db(transaction=True)
def test_two_owners_demoting_themselves_at_once_leave_one_owner(monkeypatch):
    """The last-owner rule must hold under concurrency, and the loser gets the domain
    error (409), not a database deadlock (500)."""
    checked = member_services.require_assignable

    def slow_check(**kwargs):
        # Both transactions are inside the service before either looks at the owners.
        checked(**kwargs)
        time.sleep(0.3)

    monkeypatch.setattr(member_services, "require_assignable", slow_check)
    project = ProjectFactory()
    first = Membership.objects.get(project=project, user=project.owner)
    second = MembershipFactory(project=project, role=Role.OWNER)
    barrier = threading.Barrier(2)
    outcomes = []

    def demote(membership):
        try:
            barrier.wait()
            services.member_change_role(
                project=type(project).objects.get(pk=project.pk),
                actor=membership.user,
                membership=membership,
                role=Role.MANAGER,
            )
            outcomes.append("ok")
        except Exception as exc:  # noqa: BLE001 — the outcome is what is asserted
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=demote, args=(m,)) for m in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["LastOwner", "ok"]
    assert Membership.objects.filter(project=project, role=Role.OWNER).count() == 1
