"use client";

import Link from "next/link";

import { useListProjectAssetsQuery, type Asset } from "@/entities/asset";
import { roleAllows } from "@/entities/project";
import { registerVersionRealtime, ReviewStatusBadge, VersionStatusBadge } from "@/entities/version";
import { CreateAssetForm } from "@/features/review/create-asset";
import { PlanLinkControl } from "@/features/review/link-plan";
import { UploadVersion } from "@/features/review/upload-version";
import { ProjectShell } from "@/widgets/project-shell";
import { asApiError } from "@/shared/api";
import { routes } from "@/shared/config";
import { useFormatter, useNow, useTranslations } from "@/shared/i18n";
import { atLeast } from "@/shared/lib/clock";
import { useApiErrorText } from "@/shared/lib/errors";
import { useRealtimeListeners } from "@/shared/lib/redux";
import { AlertCircleIcon, Button, EmptyState, FolderIcon, Skeleton } from "@/shared/ui";
import styles from "./project-assets-page.module.css";

/** `m:ss` for a card's duration badge. */
function clock(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function AssetCard({ asset, canUpload }: { asset: Asset; canUpload: boolean }) {
  const t = useTranslations("reviewAssets");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const latest = asset.latest_version;
  return (
    <li className={styles.card} data-testid="asset-card">
      {/* The poster repeats the title's link: one tab stop and one name per card for assistive tech. */}
      <Link href={routes.assetReview(asset.id)} className={styles.thumb} aria-hidden="true" tabIndex={-1}>
        {latest?.poster_url ? (
          // eslint-disable-next-line @next/next/no-img-element -- posters come from the API origin / S3, not next/image's loader
          <img src={latest.poster_url} alt="" className={styles.poster} />
        ) : (
          <span className={styles.noPoster}>{latest ? t(`noPoster.${latest.status}`) : t("noVersion")}</span>
        )}
        {latest?.duration ? <span className={styles.duration}>{clock(latest.duration)}</span> : null}
        {latest ? <span className={styles.versionTag}>v{latest.number}</span> : null}
      </Link>
      <div className={styles.info}>
        <h2 className={styles.cardTitle}>
          <Link href={routes.assetReview(asset.id)}>{asset.title}</Link>
        </h2>
        <div className={styles.badges}>
          {latest ? <VersionStatusBadge status={latest.status} /> : null}
          {latest?.status === "ready" ? <ReviewStatusBadge status={latest.review_status} /> : null}
          {/* Linked and changed in the review room; the card only says which plan. */}
          <PlanLinkControl asset={asset} canEdit={false} />
        </div>
        <p className={styles.meta}>
          {t("versions", { count: asset.version_count })} · {format.relativeTime(new Date(latest?.created_at ?? asset.created_at), atLeast(now, latest?.created_at ?? asset.created_at))}
        </p>
        {canUpload ? <UploadVersion assetId={asset.id} compact /> : null}
      </div>
    </li>
  );
}

function AssetsSection({ projectId, canUpload }: { projectId: string; canUpload: boolean }) {
  const t = useTranslations("reviewAssets");
  const errorText = useApiErrorText();
  const assets = useListProjectAssetsQuery(projectId);

  return (
    <section className={styles.section} aria-labelledby="assets-title">
      <div className={styles.sectionHead}>
        <div>
          <h2 id="assets-title" className={styles.sectionTitle}>
            {t("title")}
          </h2>
          <p className={styles.subtitle}>{t("subtitle")}</p>
        </div>
      </div>
      {canUpload ? (
        <div className={styles.create} aria-label={t("newAsset")} role="group">
          <CreateAssetForm projectId={projectId} />
        </div>
      ) : null}
      {assets.isLoading ? (
        <ul className={styles.grid} aria-busy="true">
          {[0, 1, 2].map((key) => (
            <li key={key} className={styles.card}>
              <Skeleton height={160} radius={8} />
              <Skeleton width="60%" height={16} />
            </li>
          ))}
        </ul>
      ) : assets.isError ? (
        <EmptyState
          tone="error"
          icon={<AlertCircleIcon size={20} />}
          title={errorText(asApiError(assets.error))}
          action={<Button onClick={() => void assets.refetch()}>{t("retry")}</Button>}
        />
      ) : (assets.data ?? []).length === 0 ? (
        <EmptyState icon={<FolderIcon size={20} />} title={t("empty")} body={canUpload ? t("emptyHint") : t("emptyViewer")} />
      ) : (
        <ul className={styles.grid} data-testid="asset-list">
          {(assets.data ?? []).map((asset) => (
            <AssetCard key={asset.id} asset={asset} canUpload={canUpload} />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * A project's deliverables with their latest version, upload and live
 * processing status (the project shell's room brings asset.* and version.*
 * events, the version listeners put them into the cache).
 */
export function ProjectAssetsPage({ projectId }: { projectId: string }) {
  useRealtimeListeners(registerVersionRealtime);
  return (
    <ProjectShell projectId={projectId}>
      {(project) => <AssetsSection projectId={project.id} canUpload={roleAllows(project.my_role, "upload")} />}
    </ProjectShell>
  );
}
