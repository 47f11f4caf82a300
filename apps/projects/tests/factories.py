import datetime

import factory
from django.db.models import Max
from django.utils import timezone

from apps.projects.models import Invitation, Membership, Phase, Project, Role
from tests.factories import UserFactory


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project whose owner is also its owner member (as `project_create` leaves it),
    built without the service so that no Activity or StreamEvent rows exist yet."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Project {n}")
    description = "A short film"
    owner = factory.SubFactory(UserFactory)

    @factory.post_generation
    def owner_membership(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            Membership.objects.create(project=obj, user=obj.owner, role=Role.OWNER)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.VIEWER


def _next_order(phase) -> int:
    return (phase.project.phases.aggregate(top=Max("order"))["top"] or 0) + 1


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Phase {n}")
    start = factory.LazyFunction(lambda: datetime.date(2026, 3, 1))
    end = factory.LazyAttribute(lambda phase: phase.start + datetime.timedelta(days=7))
    order = factory.LazyAttribute(_next_order)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    project = factory.SubFactory(ProjectFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.com")
    role = Role.VIEWER
    inviter = factory.LazyAttribute(lambda invitation: invitation.project.owner)

    class Params:
        expired = factory.Trait(expires_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1)))
        revoked = factory.Trait(revoked_at=factory.LazyFunction(timezone.now))
