"use client";

import Link from "next/link";

import { ReviewStatusBadge, VersionStatusBadge } from "@/entities/version";
import { ExportButtons } from "@/features/review/export-feedback";
import { PlanLinkControl } from "@/features/review/link-plan";
import { UploadVersion } from "@/features/review/upload-version";
import { ReviewTopbar } from "@/widgets/review-layout";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";

import type { Compare } from "../model/use-compare";
import type { ReviewRoom } from "../model/use-review-room";
import { RoomViewers } from "./room-viewers";
import { ShareButton } from "./share-button";
import styles from "./review-room.module.css";

interface RoomTopbarProps {
  assetId: string;
  room: ReviewRoom;
  compare: Compare;
  onSelectVersion: (id: string) => void;
}

/** Back link, title, version switcher and compare picker, presence, export, upload and share. */
export function RoomTopbar({ assetId, room, compare, onSelectVersion }: RoomTopbarProps) {
  const t = useTranslations("review");
  const { asset, project, versions, version, can } = room;
  const ready = version?.status === "ready";
  const list = versions.data ?? [];
  return (
    <ReviewTopbar>
      <Link className={styles.back} href={routes.projectAssets(asset.data?.project_id ?? "")}>
        ← {t("backToAssets")}
      </Link>
      <div className={styles.titleBlock}>
        <h1 className={styles.title}>{asset.data?.title}</h1>
        {project.data ? <span className={styles.project}>{project.data.name}</span> : null}
      </div>
      {asset.data ? <PlanLinkControl asset={asset.data} canEdit={can.upload} /> : null}
      {list.length > 0 && version ? (
        <select
          className={styles.select}
          aria-label={t("version")}
          value={version.id}
          onChange={(event) => onSelectVersion(event.target.value)}
          data-testid="version-switcher"
        >
          {list.map((item) => (
            <option key={item.id} value={item.id}>
              {t("versionOption", { number: item.number, label: item.label || item.original_name })}
            </option>
          ))}
        </select>
      ) : null}
      {version ? <VersionStatusBadge status={version.status} /> : null}
      {ready ? <ReviewStatusBadge status={version.review_status} /> : null}
      {ready && compare.otherReady.length > 0 ? (
        <label className={styles.compareBar}>
          {t("compareWith")}
          <select
            className={styles.select}
            value={compare.compareId ?? ""}
            onChange={(event) => compare.setCompareId(event.target.value || null)}
            data-testid="compare-select"
          >
            <option value="">{t("compareOff")}</option>
            {compare.otherReady.map((item) => (
              <option key={item.id} value={item.id}>
                {t("versionLabel", { number: item.number })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {compare.newer ? (
        <button type="button" className={styles.newer} onClick={() => onSelectVersion(compare.newer!.id)} data-testid="newer-version">
          {t("newerVersion", { number: compare.newer.number })}
        </button>
      ) : null}
      <span className={styles.spacer} />
      <RoomViewers room={room.room} fps={room.fps} />
      {ready ? <ExportButtons versionId={version.id} /> : null}
      {can.upload ? <UploadVersion assetId={assetId} compact /> : null}
      {ready && can.upload ? <ShareButton versionId={version.id} /> : null}
    </ReviewTopbar>
  );
}
