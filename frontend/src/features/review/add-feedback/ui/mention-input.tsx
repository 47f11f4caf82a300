"use client";

import { forwardRef, useId, useState, type KeyboardEvent, type TextareaHTMLAttributes } from "react";

import type { Member } from "@/entities/project";
import { useTranslations } from "@/shared/i18n";
import { Avatar, cx } from "@/shared/ui";

import { insertMention, matchMembers, mentionQueryAt } from "../model/mentions";
import styles from "./composer.module.css";

export interface MentionInputProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange"> {
  value: string;
  onValueChange: (value: string) => void;
  members: readonly Member[];
  /** Ctrl/⌘+Enter. */
  onSubmitShortcut?: () => void;
}

/** A textarea with @mention autocomplete of project members (listbox, arrow keys, Enter/Tab). */
export const MentionInput = forwardRef<HTMLTextAreaElement, MentionInputProps>(function MentionInput(
  { value, onValueChange, members, onSubmitShortcut, className, onKeyDown, ...rest },
  ref,
) {
  const t = useTranslations("reviewComposer");
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const mention = mentionQueryAt(value, caret);
  const options = mention && dismissed !== mention.start ? matchMembers(members, mention.query) : [];
  const open = options.length > 0;

  const choose = (member: Member, target: HTMLTextAreaElement) => {
    if (!mention) return;
    const next = insertMention(value, mention.start, caret, member.user.display_name);
    onValueChange(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => target.setSelectionRange(next.caret, next.caret));
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((current) => (current + step + options.length) % options.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        const member = options[Math.min(active, options.length - 1)];
        if (member) {
          event.preventDefault();
          choose(member, event.currentTarget);
          return;
        }
      }
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        setDismissed(mention?.start ?? null);
        return;
      }
    }
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey) && onSubmitShortcut) {
      event.preventDefault();
      onSubmitShortcut();
      return;
    }
    onKeyDown?.(event);
  };

  return (
    <div className={styles.mentionWrap}>
      <textarea
        ref={ref}
        className={cx(styles.textarea, className)}
        value={value}
        // A textarea may not take the combobox role (axe: aria-allowed-role); as a textbox it
        // still announces the list it opens, and which member is picked.
        aria-autocomplete="list"
        aria-haspopup="listbox"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
        onChange={(event) => {
          onValueChange(event.target.value);
          setCaret(event.target.selectionStart);
          setActive(0);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={handleKeyDown}
        {...rest}
      />
      {open ? (
        <ul id={listId} role="listbox" aria-label={t("mentionList")} className={styles.mentionList}>
          {options.map((member, index) => (
            <li
              key={member.user.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={cx(styles.mentionOption, index === active && styles.mentionActive)}
              onMouseDown={(event) => {
                event.preventDefault();
                const textarea = event.currentTarget.closest(`.${styles.mentionWrap}`)?.querySelector("textarea");
                if (textarea) choose(member, textarea);
              }}
            >
              <Avatar name={member.user.display_name} src={member.user.avatar} size={20} />
              <span>{member.user.display_name}</span>
              <span className={styles.mentionRole}>{t(`roles.${member.role}`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});
