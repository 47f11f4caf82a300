"""Creating, updating, deleting and handing over projects."""

from datetime import date

from django.db import transaction

from apps.core import events
from apps.core.errors import Conflict
from apps.core.services import model_update

from ..activity import activity_record, project_stream
from ..models import Activity, Membership, Project, Role
from ..serializers import MemberOut, ProjectOut
from .common import lock_memberships, notify_member


@transaction.atomic
def project_create(
    *, owner, name: str, description: str = "", status: str = Project.Status.PLANNING, deadline: date | None = None
) -> Project:
    project = Project(owner=owner, name=name, description=description, status=status, deadline=deadline)
    project.full_clean()
    project.save()
    Membership.objects.create(project=project, user=owner, role=Role.OWNER)
    Activity.objects.create(
        project=project,
        actor=owner,
        verb="project.created",
        target_type="project",
        target_id=str(project.pk),
        data={"name": name},
    )
    return project


@transaction.atomic
def project_update(*, project: Project, actor, data: dict) -> Project:
    _, changes = model_update(instance=project, fields=list(data), data=data)
    if not changes:
        return project
    activity_record(
        project=project,
        actor=actor,
        verb="project.updated",
        target=project,
        data={"changes": changes},
        payload={"project": ProjectOut(project).data, "changes": changes},
    )
    return project


@transaction.atomic
def project_delete(*, project: Project, actor) -> None:
    stream = project_stream(project)
    project_id = str(project.pk)
    project.delete()
    events.publish(stream=stream, type="project.deleted", data={"project": {"id": project_id}})


@transaction.atomic
def project_transfer(*, project: Project, actor, new_owner_membership: Membership) -> Project:
    """The owner hands the project to another member, who becomes owner; the previous
    owner stays on as manager."""
    if new_owner_membership.user_id == actor.pk:
        raise Conflict("You already own this project.")
    lock_memberships(project)
    previous = Membership.objects.select_for_update().get(project=project, user=actor)
    new_owner_before = new_owner_membership.role
    new_owner_membership.role = Role.OWNER
    new_owner_membership.save(update_fields=["role", "updated_at"])
    previous.role = Role.MANAGER
    previous.save(update_fields=["role", "updated_at"])
    project.owner = new_owner_membership.user
    project.save(update_fields=["owner", "updated_at"])
    for membership, before in ((new_owner_membership, new_owner_before), (previous, Role.OWNER)):
        activity_record(
            project=project,
            actor=actor,
            verb="member.role_changed",
            target=membership.user,
            data={"role": {"before": before, "after": membership.role}},
            payload={"member": MemberOut(membership).data},
        )
    activity_record(
        project=project,
        actor=actor,
        verb="project.updated",
        target=project,
        data={"changes": {"owner": {"before": str(actor.pk), "after": str(project.owner_id)}}},
        payload={"project": ProjectOut(project).data},
    )
    notify_member(
        new_owner_membership.user,
        project,
        "project.transferred",
    )
    return project
