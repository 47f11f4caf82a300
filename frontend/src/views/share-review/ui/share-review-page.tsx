"use client";

import Link from "next/link";
import { useRef, useState, type ReactNode } from "react";

import { currentFeedbackId, feedbackAtFrame, feedbackItems } from "@/entities/feedback";
import { LocaleSwitcher } from "@/features/account/switch-locale";
import { useGetSharePageQuery, useShareRealtime } from "@/features/review/share-link";
import { DrawingOverlay, DrawingToolbar, useDrawing } from "@/widgets/annotation-canvas";
import { ReviewColumns, ReviewShell, ReviewState, ReviewTopbar } from "@/widgets/review-layout";
import { ReviewPlayer, type PlayerHandle } from "@/widgets/review-player";
import { asApiError } from "@/shared/api";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { frameAt, timebase } from "@/shared/lib/timecode";
import { AlertCircleIcon, buttonClassName, EmptyState, LinkOffIcon, Logo, PageSpinner, cx } from "@/shared/ui";

import { useGuestMarkers } from "../model/guest-markers";
import { useGuestAttention } from "../model/use-guest-attention";
import { GuestCommentForm } from "./guest-comment-form";
import { GuestComments } from "./guest-comments";
import { PasswordGate } from "./password-gate";
import styles from "./share-review-page.module.css";

const passwordKey = (token: string) => `vp.sharePassword.${token}`;

/** Loading, a password or a link that does not work; the guest can pick the language here too. */
function GuestState({ children }: { children: ReactNode }) {
  return (
    <ReviewShell standalone>
      <ReviewTopbar>
        <Logo />
        <span className={styles.spacer} />
        <LocaleSwitcher />
      </ReviewTopbar>
      <ReviewState main>{children}</ReviewState>
    </ReviewShell>
  );
}

/** The page a share link opens: the version, its non-internal comments, and (comment links) a guest comment form. */
export function ShareReviewPage({ token }: { token: string }) {
  const t = useTranslations("reviewGuest");
  const errorText = useApiErrorText();
  const [password, setPassword] = useState(() =>
    typeof window === "undefined" ? "" : (window.sessionStorage.getItem(passwordKey(token)) ?? ""),
  );
  const page = useGetSharePageQuery({ token, password });
  // Live: comments, replies, resolves and reactions of the link's version as they happen.
  useShareRealtime({ token, password, enabled: page.isSuccess });
  const playerRef = useRef<PlayerHandle>(null);
  const [seconds, setSeconds] = useState(0);
  const [playing, setPlaying] = useState(false);
  const drawing = useDrawing();

  const data = page.data;
  const fps = data?.version.fps && data.version.fps > 0 ? data.version.fps : 25;
  const frame = frameAt(seconds, fps);
  // Timeline order, one array per change of the list (its later pages arrive behind the first).
  const items = feedbackItems(data?.feedback);
  const markers = useGuestMarkers(items);
  // Picked on the timeline, or just posted: the list brings it into view.
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const attention = useGuestAttention({
    token,
    password,
    fps,
    frameCount: data?.version.frame_count,
    playable: data?.version.status === "ready" && Boolean(data.version.file_url),
  });

  if (page.isError) {
    const error = asApiError(page.error);
    if (error.code === "share_password_required" || error.code === "share_password_invalid") {
      return (
        <GuestState>
          <PasswordGate
            error={error.code === "share_password_invalid" ? t("wrongPassword") : null}
            onSubmit={(value) => {
              window.sessionStorage.setItem(passwordKey(token), value);
              setPassword(value);
            }}
          />
        </GuestState>
      );
    }
    const title =
      error.code === "share_link_expired"
        ? t("expired")
        : error.code === "share_link_revoked"
          ? t("revoked")
          : error.status === 404
            ? t("notFound")
            : errorText(error);
    return (
      <GuestState>
        <EmptyState
          tone="error"
          icon={error.status === 410 || error.status === 404 ? <LinkOffIcon size={20} /> : <AlertCircleIcon size={20} />}
          title={
            <span role="heading" aria-level={1}>
              {title}
            </span>
          }
          body={error.status === 410 || error.status === 404 ? t("badLinkHint") : undefined}
          action={
            <Link className={buttonClassName({ variant: "secondary" })} href={routes.home}>
              {t("goHome")}
            </Link>
          }
        />
      </GuestState>
    );
  }
  if (!data) {
    return (
      <GuestState>
        <PageSpinner label={t("loading")} />
      </GuestState>
    );
  }

  const canComment = data.link.permission === "comment";
  const pause = () => playerRef.current?.pause();
  const shown = feedbackAtFrame(items, frame, playing ? timebase(fps) : 0)
    .filter((item) => item.annotation)
    .map((item) => ({ id: item.id, annotation: item.annotation }));

  return (
    <ReviewShell standalone data-testid="share-review">
      <title>{`${data.asset.title} v${data.version.number} · ${data.project.name}`}</title>
      <ReviewTopbar>
        <Logo />
        <div className={styles.titles}>
          <h1 className={styles.title}>
            {data.asset.title} <span className={styles.version}>v{data.version.number}</span>
          </h1>
          <span className={styles.muted}>{data.project.name}</span>
        </div>
        <span className={styles.spacer} />
        <span className={styles.tag}>{canComment ? t("canComment") : t("viewOnly")}</span>
        <LocaleSwitcher />
      </ReviewTopbar>
      <ReviewColumns
        main
        sidebarLabel={t("comments")}
        stage={
          <>
            <ReviewPlayer
              ref={playerRef}
              src={data.version.file_url}
              poster={data.version.poster_url}
              fps={fps}
              frameCount={data.version.frame_count}
              duration={data.version.duration}
              width={data.version.width}
              height={data.version.height}
              markers={markers}
              selectedMarkerId={selectedId}
              onMarkerSelect={setSelectedId}
              onTimeChange={(time, isPlaying) => {
                setSeconds(time);
                setPlaying(isPlaying);
                attention.observe(time, isPlaying);
              }}
              overlay={<DrawingOverlay drawing={drawing} shown={shown} />}
              keyboard
              label={t("videoLabel", { title: data.asset.title, number: data.version.number })}
              onMediaError={() => void page.refetch()}
            />
            <DrawingToolbar drawing={drawing} />
          </>
        }
        sidebar={
          <>
            <GuestComments
              token={token}
              password={password}
              items={items}
              currentId={currentFeedbackId(items, frame, timebase(fps))}
              selectedId={selectedId}
              onSeek={(target) => {
                pause();
                playerRef.current?.seekFrame(target.frame);
              }}
            />
            {canComment ? (
              <GuestCommentForm token={token} password={password} frame={frame} fps={fps} drawing={drawing} onPause={pause} onPosted={(item) => setSelectedId(item.id)} />
            ) : (
              <p className={cx(styles.muted, styles.viewOnlyNote)}>{t("viewOnlyHint")}</p>
            )}
          </>
        }
      />
    </ReviewShell>
  );
}
