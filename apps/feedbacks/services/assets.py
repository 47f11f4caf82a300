"""Assets: the deliverables of a project. Changes go to the project timeline and stream."""

from django.db import transaction
from django.db.models import Max

from apps.core import events
from apps.core.services import model_update
from apps.projects.activity import activity_record, project_stream
from apps.projects.models import Project

from .. import storage
from ..models import Asset, Upload
from ..serializers.versions import AssetOut
from .common import version_stream


@transaction.atomic
def asset_create(*, project: Project, actor, title: str, description: str = "", order: int | None = None) -> Asset:
    if order is None:
        order = (Asset.objects.filter(project=project).aggregate(top=Max("order"))["top"] or 0) + 1
    asset = Asset(project=project, title=title, description=description, order=order, created_by=actor)
    asset.full_clean()
    asset.save()
    activity_record(
        project=project,
        actor=actor,
        verb="asset.created",
        target=asset,
        data={"title": title},
        payloads={project_stream(project): {"asset": AssetOut(asset).data}},
    )
    return asset


@transaction.atomic
def asset_update(*, asset: Asset, actor, data: dict) -> Asset:
    _, changes = model_update(instance=asset, fields=list(data), data=data)
    if not changes:
        return asset
    activity_record(
        project=asset.project,
        actor=actor,
        verb="asset.updated",
        target=asset,
        data={"title": asset.title, "changes": changes},
        payloads={project_stream(asset.project_id): {"asset": AssetOut(asset).data, "changes": changes}},
    )
    return asset


@transaction.atomic
def asset_delete(*, asset: Asset, actor) -> None:
    """Deletes the asset with its versions and feedback; files and unfinished uploads are
    removed from storage once the deletion has committed."""
    versions = list(asset.versions.values_list("pk", "file", "poster"))
    pending = list(Upload.objects.filter(asset=asset, state=Upload.State.PENDING))
    payload = {"asset": {"id": str(asset.pk), "title": asset.title, "project_id": str(asset.project_id)}}
    project, target = asset.project, Asset(pk=asset.pk)
    asset.delete()
    for version_id, _, _ in versions:
        events.publish(
            stream=version_stream(version_id), type="version.deleted", data={"version": {"id": str(version_id)}}
        )
    activity_record(
        project=project,
        actor=actor,
        verb="asset.deleted",
        target=target,
        data={"title": payload["asset"]["title"]},
        payloads={project_stream(project): payload},
    )

    def cleanup():
        for upload in pending:
            try:
                storage.backend_for(upload.backend).abort(upload)
            except Exception:  # noqa: BLE001 — the bucket's lifecycle rule aborts leftovers
                pass
        storage.delete_quietly(*[name for _, file, poster in versions for name in (file, poster)])

    transaction.on_commit(cleanup)
