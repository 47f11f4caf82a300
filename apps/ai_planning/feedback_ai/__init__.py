"""AI on review feedback, through the same AIJob lifecycle as plans (estimate → triage →
approval or queue → run with retries → needs_attention).

Triage (kind feedback_triage): a new top-level comment is put in a queue kept in the database
(`Feedback.triage_queued_at` set, `triage_job_id` empty) when AI is configured. The queue of a
project is flushed into ONE call per batch of up to `BATCH_SIZE` comments: as soon as a batch
is full, at once when an urgent comment waits, and when the oldest comment has waited
`MAX_WAIT` (the `feedback_triage_flush_due` beat, every few seconds: no countdown message that
a killed worker could sit on for the broker's visibility timeout, see docs/architecture.md). A
comment sent in a job keeps that job's id, so a job that fails waits for its retry with the
comments still attached, and a batch delivered twice is claimed (and charged) once.

Digest (kind feedback_digest): a summary of a version's live top-level comments grouped by
category, every point citing the ids of the comments it comes from; ids outside what the
model was shown are dropped. When the version's asset is linked to a plan, the model is told
each comment's shot and the points are grouped again by shot (`points_by_shot`). Internal
(team-only) comments are never shown to the model: the digest is read by every member, the
reviewer (the client) too.

The prompts are in `apps/ai_planning/prompts.py`; the answer schemas in `schemas.py` here."""

from .digest import (
    NothingToDigest,
    clean_digest,
    digest_request,
    digest_result_for_reader,
    job_ended_without_result,
    job_requeued,
    points_by_shot,
    run_digest,
)
from .triage import on_text_saved, on_text_saving, run_triage, triage_flush, triage_flush_due

__all__ = [
    "NothingToDigest",
    "clean_digest",
    "digest_request",
    "digest_result_for_reader",
    "job_ended_without_result",
    "job_requeued",
    "on_text_saved",
    "on_text_saving",
    "points_by_shot",
    "run_digest",
    "run_triage",
    "triage_flush",
    "triage_flush_due",
]
