"use client";

import { useEffect, useRef, useState, type Ref } from "react";

import { useGetVersionAttentionQuery, type AttentionRange } from "@/entities/attention";
import type { Version } from "@/entities/version";
import { ReviewStatusBadge } from "@/entities/version";
import { asApiError } from "@/shared/api";
import { useFormatter, useNow, useTranslations } from "@/shared/i18n";
import { atLeast } from "@/shared/lib/clock";
import { useApiErrorText } from "@/shared/lib/errors";
import { Avatar, Button, useToast } from "@/shared/ui";

import { useDecideMutation, type DecideArgs } from "../api/decision-api";
import { DecisionBasisNote } from "./decision-basis";
import styles from "./decision-panel.module.css";
import { UnwatchedWarning } from "./unwatched-warning";

export interface DecisionPanelProps {
  version: Version;
  myId: string;
  canDecide: boolean;
  /**
   * What I have not watched yet (after sending what I played): a decision on a version not
   * watched through asks first. Null when it cannot be told (the decision then goes ahead).
   */
  checkUnwatched?: () => Promise<readonly AttentionRange[] | null>;
  /** Team roles see what each decision was based on (how much the reviewer had watched). */
  canSeeAttention?: boolean;
  /** The title, status and buttons, for a layout that keeps them in view (the room's sidebar). */
  barRef?: Ref<HTMLDivElement>;
}

type Decided = "approved" | "changes_requested";

/** Refetches the team's attention when the decisions change (each carries a new basis). */
function useDecisionBases(version: Version, enabled: boolean) {
  const attention = useGetVersionAttentionQuery(version.id, { skip: !enabled });
  const signature = version.decisions.map((decision) => `${decision.reviewer.id}:${decision.decided_at}`).join();
  const seen = useRef(signature);
  const { refetch } = attention;
  useEffect(() => {
    if (!enabled || seen.current === signature) return;
    seen.current = signature;
    void refetch();
  }, [enabled, signature, refetch]);
  return attention.data?.decisions ?? [];
}

/** Approve / request changes on this version; every reviewer's latest decision and the resulting status. */
export function DecisionPanel({ version, myId, canDecide, checkUnwatched, canSeeAttention = false, barRef }: DecisionPanelProps) {
  const t = useTranslations("reviewDecision");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const errorText = useApiErrorText();
  const toast = useToast();
  const [decide, { isLoading }] = useDecideMutation();
  const [comment, setComment] = useState("");
  const [warning, setWarning] = useState<{ decision: Decided; ranges: readonly AttentionRange[] } | null>(null);
  const [checking, setChecking] = useState(false);
  const bases = useDecisionBases(version, canSeeAttention);
  const mine = version.decisions.find((decision) => decision.reviewer.id === myId)?.decision ?? null;
  const ready = version.status === "ready";

  const run = async (review_status: DecideArgs["review_status"]) => {
    try {
      await decide({ versionId: version.id, review_status, ...(comment.trim() ? { review_comment: comment.trim() } : {}) }).unwrap();
      setComment("");
      toast.show({ tone: "success", message: t(`done.${review_status}`) });
    } catch (caught) {
      toast.show({ tone: "error", message: errorText(asApiError(caught)) });
    }
  };

  // Approving or asking for changes first checks what I have not watched; withdrawing never does.
  const choose = async (review_status: DecideArgs["review_status"]) => {
    setWarning(null);
    if (review_status === "in_review" || !checkUnwatched) return run(review_status);
    setChecking(true);
    const ranges = await checkUnwatched().catch(() => null);
    setChecking(false);
    if (ranges && ranges.length > 0) setWarning({ decision: review_status, ranges });
    else await run(review_status);
  };

  return (
    <section className={styles.panel} aria-label={t("title")} data-testid="decision-panel">
      <div ref={barRef} className={styles.bar}>
        <div className={styles.head}>
          <h2 className={styles.title}>{t("title")}</h2>
          <ReviewStatusBadge status={version.review_status} />
        </div>
        {canDecide ? (
          <div className={styles.buttons}>
            <Button
              size="sm"
              variant={mine === "approved" ? "primary" : "secondary"}
              aria-pressed={mine === "approved"}
              disabled={!ready || isLoading || checking}
              onClick={() => void choose(mine === "approved" ? "in_review" : "approved")}
              className={styles.approve}
            >
              {t("approve")}
            </Button>
            <Button
              size="sm"
              variant={mine === "changes_requested" ? "danger" : "secondary"}
              aria-pressed={mine === "changes_requested"}
              disabled={!ready || isLoading || checking}
              onClick={() => void choose(mine === "changes_requested" ? "in_review" : "changes_requested")}
            >
              {t("requestChanges")}
            </Button>
          </div>
        ) : null}
      </div>
      {canDecide ? (
        <>
          <input
            className={styles.comment}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            placeholder={t("commentPlaceholder")}
            aria-label={t("comment")}
            maxLength={2000}
            disabled={!ready}
          />
          {warning ? (
            <UnwatchedWarning
              ranges={warning.ranges}
              decision={warning.decision}
              onCancel={() => setWarning(null)}
              onConfirm={() => {
                setWarning(null);
                void run(warning.decision);
              }}
            />
          ) : null}
          {mine ? <p className={styles.hint}>{t("withdrawHint")}</p> : null}
        </>
      ) : null}
      {version.decisions.length > 0 ? (
        <ul className={styles.list}>
          {version.decisions.map((decision) => (
            <li key={decision.reviewer.id} className={styles.item} data-testid="decision-item">
              <Avatar name={decision.reviewer.display_name} src={decision.reviewer.avatar} size={22} />
              <span className={styles.name}>{decision.reviewer.display_name}</span>
              <span className={styles.decision} data-decision={decision.decision}>
                {t(`decision.${decision.decision}`)}
              </span>
              {canSeeAttention ? (
                <DecisionBasisNote basis={bases.find((basis) => basis.reviewer.id === decision.reviewer.id)} />
              ) : null}
              <time className={styles.time} dateTime={decision.decided_at}>
                {format.relativeTime(new Date(decision.decided_at), atLeast(now, decision.decided_at))}
              </time>
              {decision.comment ? <p className={styles.note}>{decision.comment}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.hint}>{t("none")}</p>
      )}
      {version.required_reviewers.length > 0 ? (
        <p className={styles.hint}>
          {t("required", { names: version.required_reviewers.map((user) => user.display_name).join(", ") })}
        </p>
      ) : null}
    </section>
  );
}
