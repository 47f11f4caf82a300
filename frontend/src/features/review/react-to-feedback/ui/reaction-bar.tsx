"use client";

import { useState } from "react";

import { REACTIONS, type ReactionSummary } from "@/entities/feedback";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { cx, Popover, useToast } from "@/shared/ui";

import { useReactMutation } from "../api/reactions-api";
import styles from "./reaction-bar.module.css";

export interface ReactionBarProps {
  versionId: string;
  feedbackId: string;
  reactions: readonly ReactionSummary[];
  userId: string;
  canReact: boolean;
}

/** Reaction chips (toggle yours) and a picker of the allowed emoji. */
export function ReactionBar({ versionId, feedbackId, reactions, userId, canReact }: ReactionBarProps) {
  const t = useTranslations("reviewFeedback");
  const errorText = useApiErrorText();
  const toast = useToast();
  const [react] = useReactMutation();
  const [open, setOpen] = useState(false);

  const toggle = async (emoji: string, on: boolean) => {
    setOpen(false);
    try {
      await react({ versionId, feedbackId, emoji, userId, on }).unwrap();
    } catch (caught) {
      toast.show({ tone: "error", message: t("reactFailed", { reason: errorText(asApiError(caught)) }) });
    }
  };

  if (reactions.length === 0 && !canReact) return null;
  return (
    <div className={styles.bar}>
      {reactions.map((reaction) => {
        const mine = reaction.user_ids.includes(userId);
        return (
          <button
            key={reaction.emoji}
            type="button"
            className={cx(styles.chip, mine && styles.mine)}
            aria-pressed={mine}
            aria-label={t("reaction", { emoji: reaction.emoji, count: reaction.count })}
            disabled={!canReact}
            onClick={() => void toggle(reaction.emoji, !mine)}
          >
            <span aria-hidden="true">{reaction.emoji}</span>
            <span className={styles.count}>{reaction.count}</span>
          </button>
        );
      })}
      {canReact ? (
        <Popover
          open={open}
          onOpenChange={setOpen}
          label={t("addReaction")}
          kind="menu"
          align="start"
          floating
          panelClassName={styles.picker}
          trigger={(props) => (
            <button type="button" className={styles.add} aria-label={t("addReaction")} {...props}>
              ☺+
            </button>
          )}
        >
          {REACTIONS.map((emoji) => {
            const mine = reactions.some((reaction) => reaction.emoji === emoji && reaction.user_ids.includes(userId));
            return (
              <button
                key={emoji}
                type="button"
                role="menuitem"
                className={styles.pick}
                aria-label={emoji}
                onClick={() => void toggle(emoji, !mine)}
              >
                {emoji}
              </button>
            );
          })}
        </Popover>
      ) : null}
    </div>
  );
}
