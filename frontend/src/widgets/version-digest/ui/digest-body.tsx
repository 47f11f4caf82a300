"use client";

import { useMemo, type ReactNode } from "react";

import { AiNotConfigured, useRiskReasons } from "@/entities/ai-job";
import { feedbackItems, useListFeedbackQuery } from "@/entities/feedback";
import { isDigestOpen, useGetVersionDigestQuery, type DigestGroup, type VersionDigest as Digest } from "@/entities/version-digest";
import { asApiError, type ApiError } from "@/shared/api";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, EmptyState, FormAlert, RefreshIcon } from "@/shared/ui";

import { DigestLoading } from "./digest-loading";
import styles from "./version-digest.module.css";

const KNOWN_STEPS = ["queued", "awaiting_approval", "running", "collecting", "summarising", "done"] as const;
const FAILED = new Set(["failed", "needs_attention", "rejected"]);

export interface DigestBodyProps {
  versionId: string;
  canRequest: boolean;
  /** The header's "summarise" button, offered again in the empty state. */
  askButton: ReactNode;
  requestError: ApiError | null;
  onSeekToFeedback: (feedbackId: string) => void;
}

/** The unfolded panel: progress, the summary with its cited comments, or why there is none. */
export default function DigestBody({ versionId, canRequest, askButton, requestError, onSeekToFeedback }: DigestBodyProps) {
  const t = useTranslations("planningDigest");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const { data: digest, isLoading, isError, error, refetch, isFetching } = useGetVersionDigestQuery(versionId);
  const open = isDigestOpen(digest);

  let body;
  if (isLoading) {
    body = <DigestLoading />;
  } else if (isError) {
    body = (
      <EmptyState
        tone="error"
        compact
        title={t("loadError")}
        body={errorText(asApiError(error))}
        action={
          <Button size="sm" onClick={() => void refetch()} loading={isFetching}>
            <RefreshIcon size={14} aria-hidden="true" />
            {t("retry")}
          </Button>
        }
      />
    );
  } else if (!digest) {
    body = (
      <EmptyState
        compact
        title={t("emptyTitle")}
        body={canRequest ? t("emptyBody") : t("emptyBodyViewer")}
        action={askButton}
      />
    );
  } else if (open) {
    body = <DigestProgressView digest={digest} />;
  } else if (FAILED.has(digest.status)) {
    body = (
      <FormAlert tone="error" title={digest.status === "rejected" ? t("rejected") : t("failed")}>
        {digest.job.error || t("failedBody")}
      </FormAlert>
    );
  } else {
    body = <DigestSummary digest={digest} versionId={versionId} onSeekToFeedback={onSeekToFeedback} />;
  }

  const description =
    digest?.result && digest.finished_at
      ? t("meta", {
          count: digest.feedback_count,
          time: format.dateTime(new Date(digest.finished_at), { dateStyle: "short", timeStyle: "short" }),
        })
      : t("description");
  return (
    <>
      <p className={styles.description}>{description}</p>
      {requestError ? <RequestError code={requestError.code} message={errorText(requestError)} /> : null}
      {body}
    </>
  );
}

function RequestError({ code, message }: { code: string; message: string }) {
  const t = useTranslations("planningDigest");
  if (code === "ai_not_configured") return <AiNotConfigured compact />;
  if (code === "no_feedback") return <FormAlert tone="info">{t("noFeedback")}</FormAlert>;
  if (code === "budget_exceeded") return <FormAlert title={t("budgetExceeded")}>{message}</FormAlert>;
  return <FormAlert>{message}</FormAlert>;
}

function DigestProgressView({ digest }: { digest: Digest }) {
  const t = useTranslations("planningDigest");
  const step = digest.status === "awaiting_approval" ? "awaiting_approval" : (digest.progress?.step ?? digest.status);
  const known = (KNOWN_STEPS as readonly string[]).includes(step) ? (step as (typeof KNOWN_STEPS)[number]) : "running";
  const percent = Math.max(0, Math.min(100, digest.progress?.percent ?? 0));
  const reasons = useRiskReasons()(digest.job);
  return (
    <div className={styles.progress} data-testid="digest-progress">
      <p className={styles.step} aria-live="polite">
        {t(`step.${known}`)}
      </p>
      <div
        className={styles.bar}
        role="progressbar"
        aria-label={t("progressLabel")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span className={styles.fill} style={{ width: `${Math.max(percent, 4)}%` }} />
      </div>
      {digest.status === "awaiting_approval" ? (
        <p className={styles.hint}>
          {t("awaitingApproval")}
          {reasons.length ? ` (${reasons.join("; ")})` : null}
        </p>
      ) : null}
    </div>
  );
}

function DigestSummary({
  digest,
  versionId,
  onSeekToFeedback,
}: {
  digest: Digest;
  versionId: string;
  onSeekToFeedback: (feedbackId: string) => void;
}) {
  const t = useTranslations("planningDigest");
  const { data: feedback } = useListFeedbackQuery(versionId);
  const timecodes = useMemo(() => new Map(feedbackItems(feedback).map((item) => [item.id, item.smpte])), [feedback]);
  const groups = digest.result?.groups ?? [];
  return (
    <div className={styles.summary}>
      {digest.result?.overview ? <p className={styles.overview}>{digest.result.overview}</p> : null}
      {groups.length === 0 ? <p className={styles.hint}>{t("nothingActionable")}</p> : null}
      {groups.map((group) => (
        <DigestGroupView key={group.category} group={group} timecodes={timecodes} onSeek={onSeekToFeedback} />
      ))}
      {digest.dropped_ids_count > 0 ? (
        <p className={styles.hint}>{t("dropped", { count: digest.dropped_ids_count })}</p>
      ) : null}
    </div>
  );
}

function DigestGroupView({
  group,
  timecodes,
  onSeek,
}: {
  group: DigestGroup;
  timecodes: Map<string, string>;
  onSeek: (feedbackId: string) => void;
}) {
  const t = useTranslations("planningDigest");
  const headingId = `digest-${group.category}`;
  return (
    <section className={styles.group} aria-labelledby={headingId} data-category={group.category}>
      <h3 id={headingId} className={styles.category}>
        {t(`category.${group.category}`)}
        <span className={styles.count}>{group.points.length}</span>
      </h3>
      <ul className={styles.points}>
        {group.points.map((point, index) => (
          <li key={index} className={styles.point}>
            <span className={styles.text}>{point.text}</span>
            <span className={styles.cites}>
              {point.feedback_ids.map((feedbackId) => {
                const timecode = timecodes.get(feedbackId);
                return (
                  <button
                    key={feedbackId}
                    type="button"
                    className={styles.cite}
                    onClick={() => onSeek(feedbackId)}
                    aria-label={timecode ? t("citeAt", { timecode }) : t("cite")}
                    data-feedback-id={feedbackId}
                  >
                    {timecode ?? t("citeShort")}
                  </button>
                );
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
