"use client";

import { useEffect, useId, useRef } from "react";

import { useFormatter, useTranslations } from "@/shared/i18n";
import { Button } from "@/shared/ui";

import { useVersionUpload } from "../model/use-version-upload";
import styles from "./upload-version.module.css";

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export interface UploadVersionProps {
  assetId: string;
  /** Compact look for an asset card. */
  compact?: boolean;
}

/**
 * Pick a video and upload it as the asset's next version, with progress, pause/resume, retry
 * and cancel. A file that is not a video is refused before anything is sent, with no retry;
 * an upload cut off by a reload is listed and continues when the same file is chosen again.
 */
export function UploadVersion({ assetId, compact }: UploadVersionProps) {
  const t = useTranslations("reviewUpload");
  const format = useFormatter();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const { state, unfinished, upload, pause, resume, retry, cancel, discard, reset } = useVersionUpload(assetId);
  const percent = state.total > 0 ? Math.floor((state.sent / state.total) * 100) : 0;

  useEffect(() => {
    if (state.phase !== "done") return;
    const timer = window.setTimeout(reset, 4_000);
    return () => window.clearTimeout(timer);
  }, [state.phase, reset]);

  const busy = state.phase === "uploading" || state.phase === "paused" || state.phase === "completing";

  return (
    <div className={styles.root} data-testid="upload-version" data-phase={state.phase}>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        accept="video/*"
        className={styles.input}
        aria-label={t("chooseFile")}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) void upload(file);
        }}
      />
      {!busy && state.phase !== "error" ? (
        <Button size="sm" variant={compact ? "secondary" : "primary"} onClick={() => inputRef.current?.click()}>
          {t("upload")}
        </Button>
      ) : null}
      {!busy && state.phase !== "error"
        ? unfinished.map((entry) => (
            <div key={entry.uploadId} className={styles.unfinished} data-testid="unfinished-upload">
              <p className={styles.hint}>{t("unfinished", { name: entry.name, size: formatBytes(entry.size) })}</p>
              <div className={styles.row}>
                <Button size="sm" variant="secondary" onClick={() => inputRef.current?.click()}>
                  {t("continueUpload")}
                </Button>
                <Button size="sm" variant="ghost" onClick={() => void discard(entry)}>
                  {t("discard")}
                </Button>
              </div>
            </div>
          ))
        : null}
      {busy || state.phase === "error" ? (
        <div className={styles.progress}>
          <div className={styles.row}>
            <span className={styles.name} title={state.fileName ?? ""}>
              {state.fileName}
            </span>
            {state.permanent ? null : (
              <span className={styles.numbers}>
                {state.phase === "completing"
                  ? t("finishing")
                  : `${percent}% · ${formatBytes(state.sent)} / ${formatBytes(state.total)}`}
              </span>
            )}
          </div>
          {state.permanent ? null : (
            <div
              className={styles.track}
              role="progressbar"
              aria-label={t("progress", { name: state.fileName ?? "" })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
            >
              <div className={styles.bar} style={{ width: `${percent}%` }} data-paused={state.phase === "paused"} />
            </div>
          )}
          {state.phase === "error" ? (
            <p className={styles.error} role="alert" data-permanent={state.permanent}>
              {state.errorCode === "not_a_video"
                ? t("notAVideo", { name: state.fileName ?? "" })
                : t(state.permanent ? "refused" : "failed", { reason: state.error ?? "" })}
            </p>
          ) : null}
          <div className={styles.row}>
            {state.multipart && state.phase === "uploading" ? (
              <Button size="sm" variant="ghost" onClick={pause}>
                {t("pause")}
              </Button>
            ) : null}
            {state.phase === "paused" ? (
              <Button size="sm" variant="secondary" onClick={resume}>
                {t("resume")}
              </Button>
            ) : null}
            {state.phase === "error" && !state.permanent ? (
              <Button size="sm" variant="secondary" onClick={retry}>
                {t("retry")}
              </Button>
            ) : null}
            {state.phase === "error" && state.permanent ? (
              <Button size="sm" variant="secondary" onClick={() => inputRef.current?.click()}>
                {t("chooseAnother")}
              </Button>
            ) : null}
            {state.phase !== "completing" ? (
              <Button size="sm" variant="ghost" onClick={() => void (state.permanent ? reset() : cancel())}>
                {t(state.permanent ? "dismiss" : "cancel")}
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
      {state.phase === "done" && state.version ? (
        <p className={styles.done} role="status">
          {t("done", { number: state.version.number, size: format.number(state.total) })}
        </p>
      ) : null}
    </div>
  );
}
