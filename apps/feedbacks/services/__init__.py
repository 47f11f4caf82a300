"""Every write of the feedbacks app (a package: assets, versions, uploads, processing,
feedback, reactions, sharing, exports, attention). Import services from here."""

from .assets import asset_create, asset_delete, asset_update
from .attention import decision_basis, watch_record_add
from .common import NotAuthor, VersionNotReady, version_stream
from .exports import feedback_csv, feedback_edl
from .feedback import feedback_create, feedback_delete, feedback_resolve, feedback_update
from .processing import version_mark_failed, version_mark_ready, version_process, versions_requeue_stuck
from .reactions import reaction_add, reaction_remove
from .sharing import guest_feedback_create, share_link_create, share_link_open, share_link_revoke
from .uploads import (
    upload_abort,
    upload_complete,
    upload_part_urls,
    upload_part_write,
    upload_parts_listed,
    upload_start,
    uploads_abort_stale,
)
from .versions import (
    carry_over,
    review_status_for,
    version_change,
    version_create_from_file,
    version_review_decide,
    version_update,
)

__all__ = [
    "NotAuthor",
    "VersionNotReady",
    "asset_create",
    "asset_delete",
    "asset_update",
    "carry_over",
    "decision_basis",
    "feedback_create",
    "feedback_csv",
    "feedback_delete",
    "feedback_edl",
    "feedback_resolve",
    "feedback_update",
    "guest_feedback_create",
    "reaction_add",
    "reaction_remove",
    "review_status_for",
    "share_link_create",
    "share_link_open",
    "share_link_revoke",
    "upload_abort",
    "upload_complete",
    "upload_part_urls",
    "upload_part_write",
    "upload_parts_listed",
    "upload_start",
    "uploads_abort_stale",
    "version_change",
    "version_create_from_file",
    "version_mark_failed",
    "version_mark_ready",
    "version_process",
    "version_review_decide",
    "version_stream",
    "version_update",
    "versions_requeue_stuck",
    "watch_record_add",
]
