"use client";

import { useFormatter, useNow, useTranslations } from "@/shared/i18n";
import { atLeast } from "@/shared/lib/clock";

import type { Site } from "../model/types";
import styles from "./site-details.module.css";

/** What identifies a site to the tracker and how long its raw data is kept. */
export function SiteDetails({ site }: { site: Site }) {
  const t = useTranslations("analytics");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  return (
    <dl className={styles.details}>
      <div className={styles.item}>
        <dt>{t("publicKey")}</dt>
        <dd>
          <code className={styles.key} data-testid="site-public-key">
            {site.public_key}
          </code>
          <span className={styles.hint}>{t("publicKeyHint")}</span>
        </dd>
      </div>
      <div className={styles.item}>
        <dt>{t("allowedOrigins")}</dt>
        <dd>
          <ul className={styles.origins}>
            {site.allowed_origins.map((origin) => (
              <li key={origin}>
                <code>{origin}</code>
              </li>
            ))}
          </ul>
        </dd>
      </div>
      <div className={styles.item}>
        <dt>{t("retention")}</dt>
        <dd>{t("retentionValue", { days: site.retention_days })}</dd>
      </div>
      <div className={styles.item}>
        <dt>{t("lastEvent")}</dt>
        <dd>
          {site.last_event_at ? (
            <time dateTime={site.last_event_at}>{format.relativeTime(new Date(site.last_event_at), atLeast(now, site.last_event_at))}</time>
          ) : (
            t("never")
          )}
        </dd>
      </div>
    </dl>
  );
}
