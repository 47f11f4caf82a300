"""Plan ↔ cut: an asset linked to the plan it was shot from, and each version's shot map
(the plan's shots as frame ranges; `shot_layout` has the rules).

A version's effective map: its own saved map ("edited"), else the nearest earlier version's
("carried", fitted to this cut), else the plan's shots laid end to end ("plan"); "none" when
the asset is not linked or the version has not been probed. Events: `shot_map.updated` on
the version's stream, `asset.updated` and `plan.shot_feedback.changed` on the project's."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.core import events
from apps.core.errors import Conflict, DomainError
from apps.feedbacks.models import Asset, Feedback, Version
from apps.feedbacks.serializers.versions import AssetOut
from apps.feedbacks.services import VersionNotReady, version_stream
from apps.feedbacks.shots import AssetPlan, ShotSpan
from apps.projects.activity import project_stream

from .. import shot_layout
from ..models import AssetPlanLink, Plan, VersionShotMap


class AssetNotLinked(Conflict):
    code = "asset_not_linked"
    message = "Link the asset to a plan before mapping its shots."


class InvalidShotMap(DomainError):
    code = "validation_error"
    message = "The shot ranges are invalid."


# The values of `ShotMapOut.source`.
SOURCE_PLAN, SOURCE_CARRIED, SOURCE_EDITED, SOURCE_NONE = "plan", "carried", "edited", "none"


@dataclass
class ShotMap:
    """A version's effective map, with the plan's shots (by id) it refers to."""

    version: Version
    plan: Plan | None = None
    frames: int | None = None
    source: str = SOURCE_NONE
    spans: list[shot_layout.Span] = field(default_factory=list)
    plan_shots: dict[str, dict] = field(default_factory=dict)

    def shot_spans(self) -> list[ShotSpan]:
        """The ranges as feedbacks looks them up (`apps.feedbacks.shots.VersionShots`)."""
        return [
            ShotSpan(span.shot_id, self.plan_shots[span.shot_id]["number"], span.start_frame, span.end_frame)
            for span in self.spans
        ]

    def as_data(self) -> dict:
        """What `ShotMapOut` renders (and the `shot_map.updated` event carries)."""
        return {
            "version_id": str(self.version.pk),
            "plan_id": str(self.plan.pk) if self.plan else None,
            "fps": self.version.fps,
            "duration_frames": self.frames,
            "source": self.source,
            "shots": [
                {
                    "shot_id": span.shot_id,
                    "number": self.plan_shots[span.shot_id]["number"],
                    "size": self.plan_shots[span.shot_id]["shot_size"],
                    "description": self.plan_shots[span.shot_id]["description"],
                    "start_frame": span.start_frame,
                    "end_frame": span.end_frame,
                }
                for span in self.spans
            ],
        }


def plan_shots_of(plan: Plan) -> dict[str, dict]:
    """The plan's shots by id, in shot-number order."""
    shots = sorted(plan.result.get("shots", []), key=lambda shot: shot["number"])
    return {shot["id"]: shot for shot in shots if shot.get("id")}


def version_shot_map(*, version: Version, link: AssetPlanLink | None = None) -> ShotMap:
    """The version's effective map (two queries: the link with its plan, the nearest map)."""
    if link is None:
        link = AssetPlanLink.objects.select_related("plan").filter(asset_id=version.asset_id).first()
    if link is None:
        return ShotMap(version=version)
    plan_shots = plan_shots_of(link.plan)
    frames = shot_layout.duration_frames(fps=version.fps, duration=version.duration, frame_count=version.frame_count)
    shot_map = ShotMap(version=version, plan=link.plan, frames=frames, plan_shots=plan_shots)
    if frames is None or version.fps is None or not plan_shots:
        return shot_map
    nearest = (
        VersionShotMap.objects.filter(
            version__asset_id=version.asset_id, version__number__lte=version.number, plan=link.plan
        )
        .order_by("-version__number")
        .values_list("version_id", "ranges")
        .first()
    )
    if nearest is None:
        shot_map.source = SOURCE_PLAN
        shot_map.spans = shot_layout.laid_end_to_end(list(plan_shots.values()), fps=version.fps, frames=frames)
    else:
        shot_map.source = SOURCE_EDITED if nearest[0] == version.pk else SOURCE_CARRIED
        shot_map.spans = shot_layout.fitted(nearest[1], frames=frames, shot_ids=set(plan_shots))
    return shot_map


class PlanShotProvider:
    """What feedbacks asks of plans (`apps.feedbacks.shots`), registered in AppConfig.ready()."""

    def version_shots(self, version_id) -> list[ShotSpan]:
        # One query for the version with its asset's link and plan; a second for a saved map.
        version = Version.objects.select_related("asset__plan_link__plan").filter(pk=version_id).first()
        try:
            link = version.asset.plan_link if version is not None else None
        except AssetPlanLink.DoesNotExist:
            link = None
        if version is None or link is None:
            return []
        return version_shot_map(version=version, link=link).shot_spans()

    def asset_plans(self, asset_ids: list) -> dict[str, AssetPlan]:
        rows = AssetPlanLink.objects.filter(asset_id__in=asset_ids).values_list(
            "asset_id", "plan_id", "plan__brief__title"
        )
        return {str(asset_id): AssetPlan(str(plan_id), title) for asset_id, plan_id, title in rows}


# --- writes -------------------------------------------------------------------------------


@transaction.atomic
def asset_plan_link(*, asset: Asset, plan_id, actor) -> AssetPlanLink:
    """Links the asset to a plan of its project (replacing an earlier link). Maps saved for
    another plan stay stored but no longer count (`VersionShotMap.plan`)."""
    plan = Plan.objects.select_related("brief").filter(pk=plan_id, project_id=asset.project_id).first()
    if plan is None:
        # The same answer for another project's plan and for none at all: nothing leaks.
        raise ValidationError({"plan_id": ["No such plan in this project."]})
    before = AssetPlanLink.objects.select_for_update().filter(asset=asset).first()
    before_plan_id = before.plan_id if before else None
    link, _ = AssetPlanLink.objects.update_or_create(asset=asset, defaults={"plan": plan, "linked_by": actor})
    if before_plan_id != plan.pk:
        _link_changed(asset, before_plan_id=before_plan_id, after_plan_id=plan.pk)
    return link


@transaction.atomic
def asset_plan_unlink(*, asset: Asset, actor) -> None:
    link = AssetPlanLink.objects.select_for_update().filter(asset=asset).first()
    if link is None:
        return
    link.delete()
    _link_changed(asset, before_plan_id=link.plan_id, after_plan_id=None)


@transaction.atomic
def version_shot_map_save(*, version: Version, ranges: list[dict], actor) -> ShotMap:
    """Stores a hand-made map for the version (the whole map; validated against the linked
    plan and the cut). Later versions without their own map start from it."""
    link = AssetPlanLink.objects.select_related("plan").filter(asset_id=version.asset_id).first()
    if link is None:
        raise AssetNotLinked()
    if version.status != Version.Status.READY:
        raise VersionNotReady()
    frames = shot_layout.duration_frames(fps=version.fps, duration=version.duration, frame_count=version.frame_count)
    assert frames is not None, "a ready version has been probed"
    shot_ids = set(plan_shots_of(link.plan))
    ranges = [{**item, "shot_id": str(item["shot_id"])} for item in ranges]
    problems = shot_layout.range_errors(ranges, shot_ids=shot_ids, frames=frames)
    if any(problems):
        raise InvalidShotMap(details={"shots": problems})
    stored = [shot_layout.Span(r["shot_id"], r["start_frame"], r["end_frame"]).as_dict() for r in ranges]
    VersionShotMap.objects.update_or_create(
        version=version, defaults={"plan": link.plan, "ranges": stored, "edited_by": actor}
    )
    shot_map = version_shot_map(version=version, link=link)
    events.publish(stream=version_stream(version), type="shot_map.updated", data={"shot_map": shot_map.as_data()})
    plan_shot_feedback_changed(
        project_id=version.asset.project_id, plan_id=link.plan_id, asset_id=version.asset_id, version_id=version.pk
    )
    return shot_map


def plan_shot_feedback_changed(*, project_id, plan_id, asset_id, version_id=None, internal: bool = False) -> None:
    """Tells the plan page (on the project stream) that its per-shot comment counts moved;
    it refetches `plans/{id}/shot-feedback/`, which counts what each reader may see. A change
    to an internal note moves only the team's counts: `internal: true` keeps the event from
    the sockets of roles without VIEW_INTERNAL (apps.projects.consumers.ProjectConsumer), whom
    its mere arrival would tell that the team wrote, resolved or removed a note."""
    data: dict[str, str | bool | None] = {
        "plan_id": str(plan_id),
        "asset_id": str(asset_id),
        "version_id": _str(version_id),
    }
    if internal:
        data["internal"] = True
    events.publish(stream=project_stream(project_id), type="plan.shot_feedback.changed", data=data)


# Comment writes that change a plan's per-shot counts (feedbacks sends `feedback_published`).
_COUNTED_VERBS = ("feedback.created", "feedback.deleted", "feedback.resolved", "feedback.reopened")


def on_feedback_published(sender, *, feedback: Feedback, verb: str, internal_changed: bool = False, **kwargs) -> None:
    """A comment on a version of a linked asset moves its plan's counts (a reply does not); so
    does one made internal or public again, for the readers who do not see internal notes
    (they are told of that change in the version room too, so the event is not internal)."""
    counted = verb in _COUNTED_VERBS or (verb == "feedback.updated" and internal_changed)
    if not counted or feedback.parent_id is not None:
        return
    version = feedback.version
    plan_id = AssetPlanLink.objects.filter(asset_id=version.asset_id).values_list("plan_id", flat=True).first()
    if plan_id is not None:
        plan_shot_feedback_changed(
            project_id=version.asset.project_id,
            plan_id=plan_id,
            asset_id=version.asset_id,
            version_id=version.pk,
            internal=feedback.internal and not internal_changed,
        )


def _link_changed(asset: Asset, *, before_plan_id, after_plan_id) -> None:
    """The asset's card and every version's map changed; so did both plans' counts."""
    asset_data = AssetOut(asset).data
    events.publish(
        stream=project_stream(asset.project_id),
        type="asset.updated",
        data={"asset": asset_data, "changes": {"plan_id": [_str(before_plan_id), _str(after_plan_id)]}},
    )
    for plan_id in {before_plan_id, after_plan_id} - {None}:
        plan_shot_feedback_changed(project_id=asset.project_id, plan_id=plan_id, asset_id=asset.pk)
    _maps_changed(asset, AssetPlanLink.objects.select_related("plan").filter(asset=asset).first())


def plan_shots_changed(plan: Plan, *, before: dict) -> None:
    """A new revision of the plan (`plan.result`, not saved yet) with other shots than `before`:
    the maps of every linked asset's versions follow it, and so do the plan page's counts."""
    if before.get("shots") == plan.result.get("shots"):
        return
    for link in AssetPlanLink.objects.filter(plan=plan).select_related("asset"):
        link.plan = plan  # the revision being written, not the stored row
        _maps_changed(link.asset, link)
        plan_shot_feedback_changed(project_id=plan.project_id, plan_id=plan.pk, asset_id=link.asset_id)


def _maps_changed(asset: Asset, link: AssetPlanLink | None) -> None:
    """`shot_map.updated` for every version of the asset (they follow its link or plan)."""
    for version in asset.versions.exclude(status=Version.Status.UPLOADING):
        data = version_shot_map(version=version, link=link).as_data() if link else ShotMap(version).as_data()
        events.publish(stream=version_stream(version), type="shot_map.updated", data={"shot_map": data})


def _str(value) -> str | None:
    return None if value is None else str(value)
