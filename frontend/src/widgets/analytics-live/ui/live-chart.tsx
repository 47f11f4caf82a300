"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { LivePoint } from "@/entities/analytics";
import { useFormatter, useTranslations } from "@/shared/i18n";

import styles from "./analytics-live.module.css";

/** Page views per minute over the live window; the newest bar is the rolling last minute. */
export function LiveChart({ points }: { points: readonly LivePoint[] }) {
  const t = useTranslations("analyticsLive");
  const format = useFormatter();
  const time = (ms: number) => format.dateTime(new Date(ms), { hour: "2-digit", minute: "2-digit" });

  return (
    <figure className={styles.chart} role="img" aria-label={t("chartLabel")} data-testid="live-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points as LivePoint[]} margin={{ top: 8, right: 4, bottom: 0, left: -24 }} barCategoryGap={2}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis
            dataKey="t"
            tickFormatter={time}
            tick={{ fontSize: 11, fill: "var(--color-text-subtle)" }}
            tickLine={false}
            axisLine={false}
            minTickGap={24}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 11, fill: "var(--color-text-subtle)" }}
            tickLine={false}
            axisLine={false}
            width={48}
          />
          <Tooltip
            cursor={{ fill: "var(--color-surface-hover)" }}
            labelFormatter={(value) => time(Number(value))}
            formatter={(value) => [value, t("pageViews")]}
            contentStyle={{
              background: "var(--color-surface-raised)",
              border: "1px solid var(--color-border)",
              borderRadius: 8,
              fontSize: 12,
            }}
          />
          <Bar dataKey="pageViews" fill="var(--color-accent)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
