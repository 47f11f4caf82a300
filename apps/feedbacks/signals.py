"""Feedback events other apps react to, so feedbacks imports none of them (AI triage in
`apps.ai_planning` connects its receivers in its AppConfig.ready()).

Both are sent inside the write's transaction, for a top-level comment or a reply, when its
text is new (`created=True`) or has just changed:
- `feedback_text_saving(feedback, created)` — before the save: receivers may set fields on
  `feedback` (triage queues it by setting `triage_queued_at`);
- `feedback_text_saved(feedback, created, project_id)` — after it (triage schedules a flush
  on commit).

`feedback_published(feedback, verb, internal_changed)` is sent with every comment event
(`feedback.created`, `.updated`, `.deleted`, `.resolved`, `.reopened`), inside the write's
transaction; `internal_changed` says an update made the comment internal or public again.
The plan page's per-shot counts follow it (apps.ai_planning.services.shots)."""

from django.dispatch import Signal

feedback_text_saving = Signal()
feedback_text_saved = Signal()
feedback_published = Signal()
