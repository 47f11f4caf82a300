"use client";

import { useTranslations } from "@/shared/i18n";
import { Avatar } from "@/shared/ui";

import type { PresenceUser } from "../model/types";
import styles from "./presence-avatars.module.css";

const MAX_SHOWN = 5;

/** Who is viewing the project right now (from the project room). */
export function PresenceAvatars({ users }: { users: readonly PresenceUser[] }) {
  const t = useTranslations("projectOverview");
  const shown = users.slice(0, MAX_SHOWN);
  const rest = users.length - shown.length;
  const names = users.map((user) => user.display_name).join(", ");
  return (
    <div className={styles.presence} data-testid="presence" aria-label={t("viewingNow", { names, count: users.length })} role="group">
      <span className={styles.live} aria-hidden="true" />
      <ul className={styles.stack}>
        {shown.map((user) => (
          <li key={user.id} className={styles.item} title={user.display_name} data-testid="presence-user" data-user-id={user.id}>
            <Avatar name={user.display_name} size={26} className={styles.avatar} />
          </li>
        ))}
        {rest > 0 ? <li className={styles.more}>+{rest}</li> : null}
      </ul>
    </div>
  );
}
