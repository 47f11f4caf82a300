"""Which rule guards each REST operation of the OpenAPI schema (the rule kinds and what they
mean for each caller are in authz.py), plus the business rules the schema cannot show:
variants of a route whose body needs another action, and ids of the other project hidden in
a body or an id that does not exist.

An operation of the schema without a row here fails the matrix: a new route must say who
may call it. Bodies are the smallest valid ones, so allowed callers get the success status.
"""

import base64
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from apps.core.models import Notification
from apps.core.notification_mail import unsubscribe_token
from apps.feedbacks import storage
from apps.feedbacks.tests.factories import FeedbackFactory
from apps.projects.models import Role
from apps.projects.permissions import COMMENT, DELETE, MANAGE, READ, RESOLVE, UPLOAD, VIEW_ATTENTION
from apps.projects.tests.factories import InvitationFactory
from apps.users.services import token_pair_for
from apps.users.tokens import email_verification_token
from tests.factories import DEFAULT_PASSWORD

from .authz import Rule, custom, project, public, staff, user
from .conftest import Side, World, upload_for

Body = Callable[[World, str, Side], Any]


# --- helpers for bodies and ids ----------------------------------------------------------


def _owner_side_user(world: World, actor: str, side: Side):
    """Who owns "own" objects: the actor, in either project (in project B, having written
    the object must not open it to someone who is not a member there)."""
    return world.user_of(actor)


def _own_feedback(world, actor, side):
    return {"feedback_id": FeedbackFactory(version=side.version, author=_owner_side_user(world, actor, side)).pk}


def _own_upload(world, actor, side):
    return {"upload_id": upload_for(world, _owner_side_user(world, actor, side), side).pk}


def _upload_to_complete(world, actor, side):
    upload = upload_for(world, _owner_side_user(world, actor, side), side, with_part=True)
    world.scratch["complete"] = {"parts": [{"number": 1, "etag": upload.part.etag}]}
    return {"upload_id": upload.pk}


def _signed_part(world, actor, side):
    upload = upload_for(world, world.users[Role.EDITOR], side)
    world.scratch["part_query"] = "?" + storage.LocalUploads().part_url(upload, 1).split("?", 1)[1]
    return {"upload_id": upload.pk, "number": 1}


def _outsiders_invitation(world, actor, side):
    return {"token": InvitationFactory(project=side.project, email=world.users["non_member"].email).token}


def _own_notification(world, actor, side):
    recipient = world.user_of(actor)
    return {"id": Notification.objects.filter(recipient=recipient).values_list("pk", flat=True).first()}


def _unsubscribe_link(world, actor, side):
    return {"token": unsubscribe_token(user=world.candidate, kinds=["mention"])}


def _reset_link(world, actor, side):
    candidate = world.candidate
    return {
        "uid": urlsafe_base64_encode(force_bytes(candidate.pk)),
        "token": default_token_generator.make_token(candidate),
        "new_password": "Brand-New-Horse-77",
    }


def _verification_link(world, actor, side):
    """A link is only good for an account still waiting for its address to be confirmed."""
    candidate = world.candidate
    candidate.email_verified = False
    candidate.save(update_fields=["email_verified"])
    return {"token": email_verification_token(candidate), "password": DEFAULT_PASSWORD}


def _digest_of(side: Side) -> dict:
    """A finished digest of the side's version (GET answers 404 `no_digest` before one exists)."""
    from apps.ai_planning.tests.factories import VersionDigestFactory

    VersionDigestFactory(version=side.version)
    return {}


def _plan_linked(side: Side) -> dict:
    """The side's asset linked to its plan (the shot map needs one)."""
    from apps.ai_planning.models import AssetPlanLink

    AssetPlanLink.objects.get_or_create(asset=side.asset, defaults={"plan": side.plan})
    return {}


def _first_shot_range(side: Side) -> dict:
    return {"shots": [{"shot_id": side.plan.result["shots"][0]["id"], "start_frame": 0, "end_frame": 10}]}


def _site():
    from apps.monitoring.tests.factories import SiteFactory

    return SiteFactory(allowed_origins=["https://shop.example.com"])


def _event_batch(world: World, actor: str, side: Side) -> dict:
    import time

    event = {"type": "page_view", "ts": int(time.time() * 1000), "sid": "session-123456", "path": "/"}
    return {"site": _site().public_key, "vid": "visitor-123456", "events": [event]}


def _task_run(state: str):
    """A recorded Celery run in `state` (revoke takes a queued one, retry a failed one)."""

    def make(world, actor, side):
        import uuid

        from apps.monitoring.models import TaskRun

        run = TaskRun.objects.create(
            task_id=str(uuid.uuid4()),
            name="apps.monitoring.tasks.sweep_deliveries",
            state=state,
            started_at=timezone.now(),
            args=[],
            kwargs={},
        )
        return {"id": run.task_id}

    return make


def _report(world, actor, side):
    """A weekly operations report, built by the real builder (its `data` is what the schema
    documents, not a hand-made stand-in)."""
    from apps.monitoring.models import OpsReport
    from apps.monitoring.services.reports import report_build

    report, _ = OpsReport.objects.get_or_create(
        kind="weekly", period_start=datetime.date(2026, 3, 2), defaults={"period_end": datetime.date(2026, 3, 8)}
    )
    if report.status != OpsReport.Status.READY:
        report = report_build(report=report)
    return {"id": str(report.pk)}


def _soon(hours: int = 1) -> str:
    return (timezone.now() + datetime.timedelta(hours=hours)).isoformat()


BRIEF = {"title": "봄 캠페인", "description": "봄 신상품 소개", "video_type": "광고", "target_duration_seconds": 30}
ONLY_NON_MEMBER_ACCEPTS = {"anonymous": 401, "guest": 401, "non_member": 200}
GUEST_KEY = "matrix-guest-key-0001"  # a share-link guest's browser key (review attention)


ROUTES: dict[str, Rule] = {
    # --- auth and profile ------------------------------------------------------------------
    "POST auth/register/": public(
        body=lambda w, a, s: {"email": f"new-{a}@example.com", "password": "Long-Enough-Pass-1", "display_name": a}
    ),
    "POST auth/verify-email/": public(body=_verification_link),
    "POST auth/verify-email/resend/": public(body=lambda w, a, s: {"email": w.candidate.email}),
    "POST auth/login/": public(body=lambda w, a, s: {"email": w.candidate.email, "password": DEFAULT_PASSWORD}),
    "POST auth/refresh/": public(body=lambda w, a, s: {"refresh": token_pair_for(w.candidate)["refresh"]}),
    "POST auth/logout/": user(body=lambda w, a, s: {"refresh": token_pair_for(w.user_of(a))["refresh"]}),
    "POST auth/logout-all/": user(),  # signs every session of the caller out (harness: forget_revocations)
    "POST auth/ws-ticket/": user(),
    "POST auth/password/change/": user(
        body=lambda w, a, s: {"old_password": DEFAULT_PASSWORD, "new_password": "Another-Horse-99"}
    ),
    "POST auth/password/reset/": public(body=lambda w, a, s: {"email": w.candidate.email}),
    "POST auth/password/reset/confirm/": public(body=_reset_link),
    "GET users/me/": user(),
    "PATCH users/me/": user(body=lambda w, a, s: {"display_name": "New name"}),
    # --- notifications (each caller's own) -----------------------------------------------------
    "GET notifications/": user(),
    "GET notifications/unread-count/": user(),
    "POST notifications/read-all/": user(),
    "POST notifications/{id}/read/": user(params=_own_notification),
    "GET notifications/preferences/": user(),
    "PUT notifications/preferences/": user(body=lambda w, a, s: {"kinds": [{"kind": "reply", "mode": "in_app"}]}),
    # The signed link of a notification e-mail is the credential (RFC 8058 one-click: no sign-in).
    "GET notifications/unsubscribe/{token}/": public(params=_unsubscribe_link),
    "POST notifications/unsubscribe/{token}/": public(params=_unsubscribe_link),
    # --- projects --------------------------------------------------------------------------
    "GET projects/": user(),
    "POST projects/": user(body=lambda w, a, s: {"name": "Mine"}),
    "GET projects/{project_id}/": project(READ),
    "PATCH projects/{project_id}/": project(MANAGE, body=lambda w, a, s: {"name": "Renamed"}),
    "DELETE projects/{project_id}/": project(DELETE),
    "POST projects/{project_id}/transfer/": project(DELETE, body=lambda w, a, s: {"user_id": str(s.member.user_id)}),
    "GET projects/{project_id}/members/": project(READ),
    "POST projects/{project_id}/members/": project(
        MANAGE, body=lambda w, a, s: {"email": w.candidate.email, "role": Role.VIEWER}
    ),
    "PATCH projects/{project_id}/members/{user_id}/": project(MANAGE, body=lambda w, a, s: {"role": Role.EDITOR}),
    "DELETE projects/{project_id}/members/{user_id}/": project(MANAGE),
    "GET projects/{project_id}/invitations/": project(MANAGE),
    "POST projects/{project_id}/invitations/": project(
        MANAGE, body=lambda w, a, s: {"email": "new.person@example.com", "role": Role.VIEWER}
    ),
    "DELETE projects/{project_id}/invitations/{invitation_id}/": project(MANAGE),
    # The token is the secret: anyone holding the link may see what it invites to.
    "GET invitations/{token}/": public(),
    "POST invitations/{token}/accept/": custom(
        lambda actor: ONLY_NON_MEMBER_ACCEPTS.get(actor, 403),
        params=_outsiders_invitation,
        denied="invitation_email_mismatch",
    ),
    "GET projects/{project_id}/phases/": project(READ),
    "POST projects/{project_id}/phases/": project(
        MANAGE, body=lambda w, a, s: {"name": "Grade", "start": "2026-04-01", "end": "2026-04-03"}
    ),
    "POST projects/{project_id}/phases/reorder/": project(MANAGE, body=lambda w, a, s: {"ids": [str(s.phase.pk)]}),
    "PATCH phases/{phase_id}/": project(MANAGE, body=lambda w, a, s: {"name": "Principal photography"}),
    "DELETE phases/{phase_id}/": project(MANAGE),
    "GET projects/{project_id}/activity/": project(READ),
    # --- review ----------------------------------------------------------------------------
    "GET projects/{project_id}/assets/": project(READ),
    "POST projects/{project_id}/assets/": project(UPLOAD, body=lambda w, a, s: {"title": "Teaser"}),
    "GET assets/{asset_id}/": project(READ),
    "PATCH assets/{asset_id}/": project(UPLOAD, body=lambda w, a, s: {"title": "Final cut"}),
    "DELETE assets/{asset_id}/": project(MANAGE),
    "GET assets/{asset_id}/versions/": project(READ),
    "POST assets/{asset_id}/versions/": project(UPLOAD, form="multipart", body=lambda w, a, s: {"file": _clip_file(w)}),
    "POST assets/{asset_id}/uploads/": project(
        UPLOAD,
        body=lambda w, a, s: {
            "name": "big.mov",
            "size": 500_000_000,
            "content_type": "video/quicktime",
            "head": base64.b64encode(w.clip[: storage.SNIFF_BYTES]).decode(),
        },
    ),
    "GET uploads/{upload_id}/": project(UPLOAD, params=_own_upload),
    "DELETE uploads/{upload_id}/": project(UPLOAD, params=_own_upload),
    "POST uploads/{upload_id}/parts/": project(UPLOAD, params=_own_upload, body=lambda w, a, s: {"numbers": [1]}),
    "POST uploads/{upload_id}/complete/": project(
        UPLOAD, params=_upload_to_complete, body=lambda w, a, s: w.scratch["complete"]
    ),
    # The signed URL is the credential (the browser PUTs parts without a token).
    "PUT uploads/{upload_id}/parts/{number}/": public(
        params=_signed_part, form="raw", body=lambda w, a, s: w.clip, query=lambda w, a, s: w.scratch["part_query"]
    ),
    "GET versions/{version_id}/": project(READ),
    "PATCH versions/{version_id}/": project(UPLOAD, body=lambda w, a, s: {"label": "Grade"}),
    "GET versions/{version_id}/feedback/": project(READ),
    "POST versions/{version_id}/feedback/": project(COMMENT, body=lambda w, a, s: {"body": "여기", "frame": 10}),
    "GET versions/{version_id}/feedback/export/": project(READ, query=lambda w, a, s: "?format=edl"),
    "GET versions/{version_id}/share-links/": project(UPLOAD),
    "POST versions/{version_id}/share-links/": project(UPLOAD, body=lambda w, a, s: {"permission": "view"}),
    "DELETE share-links/{link_id}/": project(UPLOAD),
    "GET feedback/{feedback_id}/": project(READ),
    "PATCH feedback/{feedback_id}/": project(COMMENT, params=_own_feedback, body=lambda w, a, s: {"body": "고침"}),
    "DELETE feedback/{feedback_id}/": project(COMMENT, params=_own_feedback),
    "POST feedback/{feedback_id}/resolve/": project(RESOLVE, body=lambda w, a, s: {}),
    "POST feedback/{feedback_id}/reactions/": project(COMMENT, ok=201, body=lambda w, a, s: {"emoji": "👍"}),
    "DELETE feedback/{feedback_id}/reactions/": project(COMMENT, query=lambda w, a, s: "?emoji=👍"),
    "GET share/{token}/": public(),
    "GET share/{token}/feedback/": public(),
    "POST share/{token}/feedback/": public(body=lambda w, a, s: {"guest_name": "Client", "body": "좋아요", "frame": 3}),
    "POST share/{token}/ws-ticket/": public(),
    # Review attention: the team reads everyone's; each member and guest reports and reads their own.
    "GET versions/{version_id}/attention/": project(VIEW_ATTENTION),
    "GET versions/{version_id}/attention/me/": project(READ),
    "POST versions/{version_id}/attention/me/": project(READ, body=lambda w, a, s: {"ranges": [[0, 10]]}),
    "GET share/{token}/attention/": public(query=lambda w, a, s: f"?guest_key={GUEST_KEY}"),
    "POST share/{token}/attention/": public(body=lambda w, a, s: {"guest_key": GUEST_KEY, "ranges": [[0, 10]]}),
    # --- AI planning -----------------------------------------------------------------------
    "GET projects/{project_id}/briefs/": project(READ),
    "POST projects/{project_id}/briefs/": project(UPLOAD, body=lambda w, a, s: BRIEF),
    "GET briefs/{brief_id}/": project(READ),
    "PATCH briefs/{brief_id}/": project(UPLOAD, body=lambda w, a, s: {"tone": "차분한"}),
    "DELETE briefs/{brief_id}/": project(UPLOAD),
    "GET briefs/{brief_id}/plans/": project(READ),
    "POST briefs/{brief_id}/plans/": project(UPLOAD),
    "GET plans/{plan_id}/": project(READ),
    "PATCH plans/{plan_id}/": project(
        UPLOAD, body=lambda w, a, s: {"result": {**s.plan.result, "logline": "새 로그라인"}}
    ),
    "POST plans/{plan_id}/regenerate/": project(UPLOAD, body=lambda w, a, s: {"section": "shots"}),
    "GET plans/{plan_id}/export/": project(READ, query=lambda w, a, s: "?format=csv"),
    "GET plans/{plan_id}/revisions/": project(READ),
    "GET plans/{plan_id}/revisions/{number}/": project(READ),
    "POST plans/{plan_id}/revisions/{number}/restore/": project(UPLOAD),
    "GET projects/{project_id}/ai-settings/": project(READ),
    "PATCH projects/{project_id}/ai-settings/": project(MANAGE, body=lambda w, a, s: {"monthly_budget_usd": "50.00"}),
    "GET projects/{project_id}/ai-usage/": project(READ),
    "GET projects/{project_id}/ai-jobs/": project(READ),
    "GET ai-jobs/{job_id}/": project(READ),
    # Server-Sent Events: a finished job, so a client that reads the stream (the fuzzer) sees it end.
    "GET ai-jobs/{job_id}/events/": project(READ, params=lambda w, a, s: {"job_id": s.stuck_job.pk}),
    "POST ai-jobs/{job_id}/approve/": project(MANAGE),
    "POST ai-jobs/{job_id}/reject/": project(MANAGE, body=lambda w, a, s: {"reason": "너무 비쌈"}),
    "POST ai-jobs/{job_id}/retry/": project(UPLOAD, params=lambda w, a, s: {"job_id": s.stuck_job.pk}),
    "GET versions/{version_id}/digest/": project(READ, params=lambda w, a, s: _digest_of(s)),
    "POST versions/{version_id}/digest/": project(RESOLVE),
    # Plan ↔ cut: who may edit assets links them and adjusts their shots; every member reads.
    "PUT assets/{asset_id}/plan-link/": project(UPLOAD, body=lambda w, a, s: {"plan_id": str(s.plan.pk)}),
    "DELETE assets/{asset_id}/plan-link/": project(UPLOAD, params=lambda w, a, s: _plan_linked(s)),
    "GET versions/{version_id}/shot-map/": project(READ, params=lambda w, a, s: _plan_linked(s)),
    "PUT versions/{version_id}/shot-map/": project(
        UPLOAD, params=lambda w, a, s: _plan_linked(s), body=lambda w, a, s: _first_shot_range(s)
    ),
    "GET plans/{plan_id}/shot-feedback/": project(READ, params=lambda w, a, s: _plan_linked(s)),
    # --- monitoring (staff) ----------------------------------------------------------------
    "GET monitoring/overview/": staff(),
    "GET monitoring/hosts/": staff(),
    "GET monitoring/hosts/{id}/": staff(),
    "GET monitoring/metrics/": staff(query=lambda w, a, s: f"?host={w.host.pk}&metric=cpu.percent"),
    "GET monitoring/metrics/catalog/": staff(),
    "GET monitoring/metrics/app/": staff(),
    "GET monitoring/stats/": staff(query=lambda w, a, s: "?metric=cpu.percent&period=day"),
    "GET monitoring/forecasts/": staff(),
    "GET monitoring/anomalies/": staff(),
    "GET monitoring/rules/": staff(),
    "POST monitoring/rules/": staff(
        body=lambda w, a, s: {"name": "Memory", "metric": "mem.percent", "operator": ">", "threshold": 90}
    ),
    "POST monitoring/rules/preview/": staff(
        body=lambda w, a, s: {"metric": "cpu.percent", "operator": ">", "threshold": 90}
    ),
    "GET monitoring/rules/{id}/": staff(),
    "PATCH monitoring/rules/{id}/": staff(body=lambda w, a, s: {"threshold": 95}),
    "DELETE monitoring/rules/{id}/": staff(),
    "GET monitoring/alerts/": staff(),
    "GET monitoring/alerts/{id}/": staff(),
    "PATCH monitoring/alerts/{id}/": staff(body=lambda w, a, s: {"notes": "looking"}),
    "POST monitoring/alerts/{id}/ack/": staff(),
    "GET monitoring/silences/": staff(),
    "POST monitoring/silences/": staff(body=lambda w, a, s: {"ends_at": _soon(), "reason": "maintenance"}),
    "GET monitoring/silences/{id}/": staff(),
    "PATCH monitoring/silences/{id}/": staff(body=lambda w, a, s: {"reason": "longer"}),
    "DELETE monitoring/silences/{id}/": staff(),
    "GET monitoring/channels/": staff(),
    "POST monitoring/channels/": staff(
        body=lambda w, a, s: {"name": "pager", "kind": "email", "recipients": ["pager@example.com"]}
    ),
    "GET monitoring/channels/{id}/": staff(),
    "PATCH monitoring/channels/{id}/": staff(body=lambda w, a, s: {"name": "renamed"}),
    "DELETE monitoring/channels/{id}/": staff(),
    "POST monitoring/channels/{id}/test/": staff(),
    "GET monitoring/channels/{id}/deliveries/": staff(),
    "GET monitoring/templates/": staff(),
    "POST monitoring/templates/": staff(
        body=lambda w, a, s: {
            "name": "second",
            "event_type": "alert.firing",
            "locale": "en",
            "subject": "s",
            "body": "b",
        }
    ),
    "POST monitoring/templates/preview/": staff(body=lambda w, a, s: {"subject": "s", "body": "b"}),
    "GET monitoring/templates/{id}/": staff(),
    "PATCH monitoring/templates/{id}/": staff(body=lambda w, a, s: {"subject": "x"}),
    "DELETE monitoring/templates/{id}/": staff(),
    "GET monitoring/tasks/": staff(),
    "POST monitoring/tasks/{id}/revoke/": staff(params=_task_run("queued"), body=lambda w, a, s: {}),
    "POST monitoring/tasks/{id}/retry/": staff(params=_task_run("failed")),
    # --- web analytics: staff, except ingestion (the site key and its origins guard it) --------
    "POST monitoring/events/": public(ok=202, body=_event_batch, headers={"HTTP_ORIGIN": "https://shop.example.com"}),
    "GET monitoring/sites/": staff(),
    "POST monitoring/sites/": staff(
        body=lambda w, a, s: {"name": "Shop", "allowed_origins": ["https://shop.example.com"]}
    ),
    "GET monitoring/sites/{id}/": staff(params=lambda w, a, s: {"id": _site().pk}),
    "PATCH monitoring/sites/{id}/": staff(
        params=lambda w, a, s: {"id": _site().pk}, body=lambda w, a, s: {"name": "Shop 2"}
    ),
    "DELETE monitoring/sites/{id}/": staff(params=lambda w, a, s: {"id": _site().pk}),
    "POST monitoring/sites/{id}/rotate-key/": staff(params=lambda w, a, s: {"id": _site().pk}),
    "GET monitoring/sessions/active/": staff(query=lambda w, a, s: f"?site={_site().pk}"),
    "GET monitoring/analytics/": staff(query=lambda w, a, s: f"?site={_site().pk}"),
    "GET monitoring/backups/": staff(),
    "POST monitoring/backups/": staff(),
    "GET monitoring/reports/": staff(),
    "POST monitoring/reports/": staff(ok=202, body=lambda w, a, s: {"kind": "monthly", "period_start": "2026-02-10"}),
    "GET monitoring/reports/{id}/": staff(params=_report),
    "GET monitoring/reports/{id}/csv/": staff(params=_report),
    "POST monitoring/reports/{id}/send/": staff(ok=202, params=_report),
}


def default_ids(world: World, side: Side, path: str, actor: str) -> dict:
    """The path's ids taken from one side's objects."""
    monitoring = {
        "hosts": world.host,
        "rules": world.rule,
        "alerts": world.alert,
        "silences": world.silence,
        "channels": world.channel,
        "templates": world.template,
    }
    ids = {}
    for part in path.split("/"):
        if not part.startswith("{"):
            continue
        name = part.strip("{}")
        if name == "project_id":
            ids[name] = side.project.pk
        elif name == "user_id":
            ids[name] = side.member.user_id
        elif name == "job_id":
            ids[name] = side.waiting_job.pk
        elif name == "number":
            ids[name] = 1
        elif name == "token":
            ids[name] = side.link.token if path.startswith("share/") else side.invitation.token
        elif name == "id" and path.split("/")[1] in monitoring:
            ids[name] = monitoring[path.split("/")[1]].pk
        elif name.endswith("_id") and hasattr(side, name.removesuffix("_id")):
            ids[name] = getattr(side, name.removesuffix("_id")).pk
    return ids


# Routes under /api/v1 the schema leaves out, with their rule: the ingestion view's no-slash
# twin (sendBeacon URLs are written either way; the schema documents the slash form).
PLAIN_ROUTES: dict[str, Rule] = {
    "POST monitoring/events": public(ok=202),
}


def _clip_file(world: World):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("clip.mp4", world.clip, content_type="video/mp4")


# --- business rules the schema cannot show ------------------------------------------------------

# The same operation with a body that needs another action than its row in ROUTES: each runs
# through the whole matrix (every caller, then the second project's ids) like an operation.
VARIANTS: dict[str, tuple[str, Rule]] = {
    # Deciding on a version (approve / ask for changes) is resolving, not uploading.
    "PATCH versions/{version_id}/ (decision)": (
        "PATCH versions/{version_id}/",
        project(RESOLVE, body=lambda w, a, s: {"review_status": "approved"}),
    ),
}


@dataclass(frozen=True)
class Foreign:
    """A call by a member of project A whose body or ids reach what A does not hold: refused
    with `status` (and `details` naming the field when it is a validation error), and
    nothing changes."""

    operation: str  # a key of ROUTES: its ids and rule, with the body below
    status: int
    body: Body | None = None
    ids: Callable[[World], dict] | None = None
    actors: tuple[str, ...] = (Role.OWNER.value,)
    details: frozenset[str] = frozenset()


NOT_MINE: dict[str, Foreign] = {
    "transfer A to a member of B": Foreign(
        "POST projects/{project_id}/transfer/", 404, body=lambda w, a, s: {"user_id": str(w.b.member.user_id)}
    ),
    "reorder A's phases with B's phase": Foreign(
        "POST projects/{project_id}/phases/reorder/",
        400,
        body=lambda w, a, s: {"ids": [str(w.a.phase.pk), str(w.b.phase.pk)]},
        details=frozenset({"ids"}),
    ),
    # Revision numbers are per plan: plan A's URL never reaches plan B's revisions.
    "restore a revision plan A does not have": Foreign(
        "POST plans/{plan_id}/revisions/{number}/restore/", 404, ids=lambda w: {"number": 7}
    ),
    "link A's asset to B's plan": Foreign(
        "PUT assets/{asset_id}/plan-link/",
        400,
        body=lambda w, a, s: {"plan_id": str(w.b.plan.pk)},
        details=frozenset({"plan_id"}),
    ),
    "map B's plan's shots on A's version": Foreign(
        "PUT versions/{version_id}/shot-map/",
        400,
        body=lambda w, a, s: _first_shot_range(w.b),
        details=frozenset({"shots"}),
    ),
    "mark the owner's notification read": Foreign(
        "POST notifications/{id}/read/",
        404,
        ids=lambda w: {"id": w.users[Role.OWNER].notifications.values_list("pk", flat=True).first()},
        actors=(*(role for role in Role.values if role != Role.OWNER), "non_member", "staff"),
    ),
}


# --- WebSocket streams (config/routing.py), by pattern --------------------------------------------

WS_ROUTES: dict[str, Rule] = {
    "ws/projects/<uuid:project_id>/": project(READ),
    "ws/versions/<uuid:version_id>/": project(READ),
    "ws/notifications/": user(),  # everyone signed in follows their own
    "ws/monitoring/": staff(),
    # A share link's guest, with a ticket from POST share/{token}/ws-ticket/ (its own tests:
    # apps/feedbacks/tests/test_share_live.py); no account's ticket, nor the raw token, opens it.
    "ws/share/": custom(lambda actor: 401),
}


def ws_path(world: World, pattern: str, side: Side | None = None) -> str:
    """The stream's URL with one side's ids."""
    side = side or world.a
    return "/" + pattern.replace("<uuid:project_id>", str(side.project.pk)).replace(
        "<uuid:version_id>", str(side.version.pk)
    )
