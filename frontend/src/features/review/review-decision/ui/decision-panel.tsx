"use client";

import { useState } from "react";

import type { Version } from "@/entities/version";
import { ReviewStatusBadge } from "@/entities/version";
import { asApiError } from "@/shared/api";
import { useFormatter, useNow, useTranslations } from "@/shared/i18n";
import { atLeast } from "@/shared/lib/clock";
import { useApiErrorText } from "@/shared/lib/errors";
import { Avatar, Button, useToast } from "@/shared/ui";

import { useDecideMutation, type DecideArgs } from "../api/decision-api";
import styles from "./decision-panel.module.css";

export interface DecisionPanelProps {
  version: Version;
  myId: string;
  canDecide: boolean;
}

/** Approve / request changes on this version; every reviewer's latest decision and the resulting status. */
export function DecisionPanel({ version, myId, canDecide }: DecisionPanelProps) {
  const t = useTranslations("reviewDecision");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const errorText = useApiErrorText();
  const toast = useToast();
  const [decide, { isLoading }] = useDecideMutation();
  const [comment, setComment] = useState("");
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

  return (
    <section className={styles.panel} aria-label={t("title")} data-testid="decision-panel">
      <div className={styles.head}>
        <h2 className={styles.title}>{t("title")}</h2>
        <ReviewStatusBadge status={version.review_status} />
      </div>
      {canDecide ? (
        <>
          <div className={styles.buttons}>
            <Button
              size="sm"
              variant={mine === "approved" ? "primary" : "secondary"}
              aria-pressed={mine === "approved"}
              disabled={!ready || isLoading}
              onClick={() => void run(mine === "approved" ? "in_review" : "approved")}
              className={styles.approve}
            >
              {t("approve")}
            </Button>
            <Button
              size="sm"
              variant={mine === "changes_requested" ? "danger" : "secondary"}
              aria-pressed={mine === "changes_requested"}
              disabled={!ready || isLoading}
              onClick={() => void run(mine === "changes_requested" ? "in_review" : "changes_requested")}
            >
              {t("requestChanges")}
            </Button>
          </div>
          <input
            className={styles.comment}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            placeholder={t("commentPlaceholder")}
            aria-label={t("comment")}
            maxLength={2000}
            disabled={!ready}
          />
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
