import type { ImagesStatus, Shot, StoryboardFrame } from "@/entities/plan";
import { useTranslations } from "@/shared/i18n";
import { FormAlert } from "@/shared/ui";

import styles from "./plan-document.module.css";

export interface StoryboardGridProps {
  frames: readonly StoryboardFrame[];
  shots: readonly Shot[];
  imagesStatus: ImagesStatus | undefined;
}

/** One card per frame: reference images with their attribution, or the search query when images are off. */
export function StoryboardGrid({ frames, shots, imagesStatus }: StoryboardGridProps) {
  const t = useTranslations("planningStoryboard");
  const status = imagesStatus?.status ?? "off";
  const byNumber = new Map(shots.map((shot) => [shot.number, shot]));

  return (
    <div className={styles.storyboard}>
      {status === "off" ? (
        <FormAlert tone="info" title={t("offTitle")}>
          {t("offBody")}
        </FormAlert>
      ) : null}
      {status === "unavailable" || status === "partial" ? (
        <FormAlert tone="info" title={t(status === "partial" ? "partialTitle" : "unavailableTitle")}>
          {imagesStatus?.error || t("unavailableBody")}
        </FormAlert>
      ) : null}
      {frames.length === 0 ? <p className={styles.muted}>{t("empty")}</p> : null}
      <ol className={styles.frames} data-testid="storyboard">
        {frames.map((frame) => {
          const shot = byNumber.get(frame.shot);
          const first = frame.images[0];
          return (
            <li key={frame.shot} className={styles.frame} data-testid="storyboard-frame">
              <div className={styles.frameImage}>
                {first ? (
                  <a href={first.source_url || first.url} target="_blank" rel="noreferrer noopener">
                    {/* Reference photos come from third-party hosts chosen at runtime; next/image would need each host configured. */}
                    {/* eslint-disable-next-line @next/next/no-img-element */}
                    <img
                      src={first.thumbnail_url || first.url}
                      alt={t("imageAlt", { query: frame.image_query })}
                      loading="lazy"
                      referrerPolicy="no-referrer"
                    />
                  </a>
                ) : (
                  <div className={styles.placeholder}>
                    <span className={styles.placeholderLabel}>{t("query")}</span>
                    <span className={styles.query}>{frame.image_query}</span>
                  </div>
                )}
                <span className={styles.frameNumber}>{t("shot", { number: frame.shot })}</span>
              </div>
              <div className={styles.frameBody}>
                <p className={styles.frameText}>{frame.description}</p>
                {shot ? (
                  <p className={styles.frameMeta}>
                    {t("shotMeta", { scene: shot.scene, seconds: shot.duration_seconds })}
                  </p>
                ) : null}
                {frame.images.length ? (
                  <ul className={styles.attributions} aria-label={t("attributions")}>
                    {frame.images.map((image, index) => (
                      <li key={`${image.url}-${index}`}>
                        {image.author ? (
                          image.author_url ? (
                            <a href={image.author_url} target="_blank" rel="noreferrer noopener">
                              {image.author}
                            </a>
                          ) : (
                            image.author
                          )
                        ) : (
                          t("unknownAuthor")
                        )}
                        {" · "}
                        {image.source_url ? (
                          <a href={image.source_url} target="_blank" rel="noreferrer noopener">
                            {image.provider || t("source")}
                          </a>
                        ) : (
                          image.provider
                        )}
                        {image.license ? ` · ${image.license}` : ""}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
