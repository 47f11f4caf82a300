"use client";

import { useId, useState } from "react";

import { percentLabel, rangeLabels, type AttentionPerson, type VersionAttention } from "@/entities/attention";
import { useTranslations } from "@/shared/i18n";
import { Avatar, ChevronDownIcon, cx } from "@/shared/ui";

import styles from "./attention-people.module.css";

function Person({ person }: { person: AttentionPerson }) {
  const t = useTranslations("attention.people");
  const { labels, more } = rangeLabels(person.unwatched);
  const name = person.name || t("anonymous");
  const percent = percentLabel(person.percent);
  const who = person.kind === "guest" ? t("guest") : person.in_strip ? null : t("team");
  return (
    <li className={cx(styles.person, !person.in_strip && styles.team)} data-testid="attention-person">
      <Avatar name={name} src={person.user?.avatar ?? null} size={22} />
      <div className={styles.body}>
        <div className={styles.line}>
          <span className={styles.name}>{name}</span>
          {who ? <span className={styles.kind}>{who}</span> : null}
          <span className={styles.percent} data-testid="attention-percent">
            {t("percent", { percent })}
          </span>
        </div>
        <div className={styles.meter} aria-hidden="true">
          <span style={{ width: `${Math.min(100, person.percent)}%` }} />
        </div>
        <p className={styles.gaps}>
          {labels.length === 0
            ? t("all")
            : more > 0
              ? t("unwatchedMore", { ranges: labels.join(", "), count: more })
              : t("unwatched", { ranges: labels.join(", ") })}
        </p>
      </div>
    </li>
  );
}

export interface AttentionPeopleProps {
  attention: VersionAttention | undefined;
  defaultCollapsed?: boolean;
}

/** The team's list of who played the version: each person's share and the parts they skipped. */
export function AttentionPeople({ attention, defaultCollapsed = true }: AttentionPeopleProps) {
  const t = useTranslations("attention.people");
  const ids = useId();
  const [collapsed, setCollapsed] = useState(defaultCollapsed);
  const people = attention?.people ?? [];
  return (
    <section className={styles.panel} aria-labelledby={`${ids}-title`} data-testid="attention-people">
      <button
        type="button"
        className={styles.toggle}
        aria-expanded={!collapsed}
        aria-controls={`${ids}-body`}
        onClick={() => setCollapsed(!collapsed)}
      >
        <ChevronDownIcon size={14} className={styles.chevron} />
        <h2 className={styles.title} id={`${ids}-title`}>
          {t("title")}
        </h2>
        <span className={styles.summary}>{t("summary", { count: people.length })}</span>
      </button>
      {collapsed ? null : (
        <div id={`${ids}-body`} className={styles.list}>
          {people.length === 0 ? (
            <p className={styles.note}>{t("empty")}</p>
          ) : (
            <ul className={styles.people}>
              {people.map((person, index) => (
                <Person key={person.user?.id ?? `guest-${index}`} person={person} />
              ))}
            </ul>
          )}
          <p className={styles.note}>
            <span className={styles.swatch} aria-hidden="true" />
            {t("legend")}
          </p>
          <p className={styles.note}>{t("privacy")}</p>
        </div>
      )}
    </section>
  );
}
