"use client";

import { useMemo, useRef, useState, type FormEvent } from "react";

import { AnnotationView, currentFeedbackId, feedbackAtFrame } from "@/entities/feedback";
import { useAddGuestCommentMutation, useGetSharePageQuery, type GuestFeedback } from "@/features/review/share-link";
import { AnnotationCanvas, AnnotationToolbar, toAnnotation, useDrawing } from "@/widgets/annotation-canvas";
import { ReviewPlayer, type PlayerHandle } from "@/widgets/review-player";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { frameAt, frameToSmpte, timebase } from "@/shared/lib/timecode";
import { AlertCircleIcon, Avatar, Button, EmptyState, FormAlert, LinkOffIcon, Logo, PageSpinner, TextField, cx } from "@/shared/ui";

import styles from "./share-review-page.module.css";

const NAME_KEY = "vp.guestName";
const passwordKey = (token: string) => `vp.sharePassword.${token}`;

function PasswordGate({ error, onSubmit }: { error: string | null; onSubmit: (password: string) => void }) {
  const t = useTranslations("reviewGuest");
  const [value, setValue] = useState("");
  return (
    <form
      className={styles.gate}
      method="post" // submitted before hydration, the password must not land in the URL
      onSubmit={(event) => {
        event.preventDefault();
        if (value) onSubmit(value);
      }}
    >
      <Logo />
      <h1 className={styles.gateTitle}>{t("passwordTitle")}</h1>
      <p className={styles.muted}>{t("passwordHint")}</p>
      <TextField label={t("password")} type="password" value={value} onChange={(event) => setValue(event.target.value)} autoFocus autoComplete="off" />
      {error ? <FormAlert tone="error">{error}</FormAlert> : null}
      <Button type="submit" variant="primary" disabled={!value}>
        {t("open")}
      </Button>
    </form>
  );
}

function GuestComment({ item, current, onSeek }: { item: GuestFeedback; current: boolean; onSeek: (item: GuestFeedback) => void }) {
  const t = useTranslations("reviewGuest");
  return (
    <li className={cx(styles.item, current && styles.current)} data-testid="guest-feedback-item" aria-current={current ? "true" : undefined}>
      <div className={styles.meta}>
        <Avatar name={item.author.display_name} size={22} />
        <span className={styles.author}>{item.author.display_name}</span>
        {item.author.is_guest ? <span className={styles.tag}>{t("guest")}</span> : null}
        {item.resolved ? <span className={cx(styles.tag, styles.resolved)}>{t("resolved")}</span> : null}
        <span className={styles.spacer} />
        <button type="button" className={styles.timecode} onClick={() => onSeek(item)} aria-label={t("seekTo", { timecode: item.smpte })}>
          {item.smpte}
        </button>
      </div>
      <p className={cx(styles.text, item.deleted && styles.deleted)}>{item.deleted ? t("deleted") : item.body}</p>
      {item.replies.length > 0 ? (
        <ul className={styles.replies}>
          {item.replies.map((reply) => (
            <li key={reply.id} className={styles.reply}>
              <div className={styles.meta}>
                <Avatar name={reply.author.display_name} size={18} />
                <span className={styles.author}>{reply.author.display_name}</span>
              </div>
              <p className={styles.text}>{reply.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
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
  const [addComment, adding] = useAddGuestCommentMutation();
  const playerRef = useRef<PlayerHandle>(null);
  const [seconds, setSeconds] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [name, setName] = useState(() => (typeof window === "undefined" ? "" : (window.localStorage.getItem(NAME_KEY) ?? "")));
  const [body, setBody] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const drawing = useDrawing();

  const data = page.data;
  const fps = data?.version.fps && data.version.fps > 0 ? data.version.fps : 25;
  const frame = frameAt(seconds, fps);
  const items = useMemo(() => data?.feedback ?? [], [data]);
  const currentId = currentFeedbackId(items, frame, timebase(fps));
  const annotations = feedbackAtFrame(items, frame, playing ? timebase(fps) : 0).filter((item) => item.annotation);

  if (!page.isError && !data) {
    return (
      <div className={styles.room} data-theme="dark">
        <div className={styles.center}>
          <PageSpinner label={t("loading")} />
        </div>
      </div>
    );
  }

  if (page.isError) {
    const error = asApiError(page.error);
    if (error.code === "share_password_required" || error.code === "share_password_invalid") {
      return (
        <div className={styles.room} data-theme="dark">
          <div className={styles.center}>
            <PasswordGate
              error={error.code === "share_password_invalid" ? t("wrongPassword") : null}
              onSubmit={(value) => {
                window.sessionStorage.setItem(passwordKey(token), value);
                setPassword(value);
              }}
            />
          </div>
        </div>
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
      <div className={styles.room} data-theme="dark">
        <div className={styles.center}>
          <EmptyState tone="error" icon={error.status === 410 || error.status === 404 ? <LinkOffIcon size={20} /> : <AlertCircleIcon size={20} />} title={title} />
        </div>
      </div>
    );
  }


  if (!data) return null;
  const canComment = data.link.permission === "comment";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!name.trim() || !body.trim()) {
      setFormError(t("nameAndBody"));
      return;
    }
    window.localStorage.setItem(NAME_KEY, name.trim());
    try {
      await addComment({
        token,
        password,
        body: { guest_name: name.trim(), body: body.trim(), frame, annotation: toAnnotation(drawing.shapes) },
      }).unwrap();
      setBody("");
      drawing.discard();
    } catch (caught) {
      setFormError(errorText(asApiError(caught)));
    }
  };

  return (
    <div className={styles.room} data-theme="dark" data-testid="share-review">
      <title>{`${data.asset.title} v${data.version.number} · ${data.project.name}`}</title>
      <header className={styles.topbar}>
        <Logo />
        <div className={styles.titles}>
          <h1 className={styles.title}>
            {data.asset.title} <span className={styles.version}>v{data.version.number}</span>
          </h1>
          <span className={styles.muted}>{data.project.name}</span>
        </div>
        <span className={styles.spacer} />
        <span className={styles.tag}>{canComment ? t("canComment") : t("viewOnly")}</span>
      </header>
      <div className={styles.body}>
        <div className={styles.stage}>
          {drawing.active ? (
            <div className={styles.toolbarSlot}>
              <AnnotationToolbar
                tool={drawing.tool}
                onToolChange={drawing.setTool}
                color={drawing.color}
                onColorChange={drawing.setColor}
                canUndo={drawing.shapes.length > 0}
                onUndo={drawing.undo}
                onClear={drawing.clear}
                onDone={drawing.finish}
              />
            </div>
          ) : null}
          <ReviewPlayer
            ref={playerRef}
            src={data.version.file_url}
            poster={data.version.poster_url}
            fps={fps}
            frameCount={data.version.frame_count}
            duration={data.version.duration}
            width={data.version.width}
            height={data.version.height}
            markers={items.map((item) => ({ id: item.id, frame: item.frame, endFrame: item.end_frame, label: `${item.author.display_name}: ${item.body.slice(0, 60)}`, resolved: item.resolved }))}
            onMarkerSelect={() => undefined}
            onTimeChange={(time, isPlaying) => {
              setSeconds(time);
              setPlaying(isPlaying);
            }}
            overlay={
              drawing.active ? (
                <AnnotationCanvas tool={drawing.tool} color={drawing.color} shapes={drawing.shapes} onShapesChange={drawing.setShapes} />
              ) : (
                <>
                  {drawing.shapes.length > 0 ? <AnnotationView annotation={toAnnotation(drawing.shapes)} /> : null}
                  {annotations.map((item) => (
                    <AnnotationView key={item.id} annotation={item.annotation} />
                  ))}
                </>
              )
            }
            keyboard
            label={t("videoLabel", { title: data.asset.title, number: data.version.number })}
            onMediaError={() => void page.refetch()}
          />
        </div>
        <aside className={styles.sidebar} aria-label={t("comments")}>
          <h2 className={styles.sideTitle}>
            {t("comments")} <span className={styles.muted}>{items.length}</span>
          </h2>
          <div className={styles.scroll}>
            {items.length === 0 ? (
              <EmptyState compact title={t("empty")} />
            ) : (
              <ul className={styles.list}>
                {items.map((item) => (
                  <GuestComment
                    key={item.id}
                    item={item}
                    current={item.id === currentId}
                    onSeek={(target) => {
                      playerRef.current?.pause();
                      playerRef.current?.seekFrame(target.frame);
                    }}
                  />
                ))}
              </ul>
            )}
          </div>
          {canComment ? (
            <form className={styles.form} onSubmit={submit} aria-label={t("formLabel")}>
              <p className={styles.muted}>
                {t("commentAt")} <span className={styles.timecodeText}>{frameToSmpte(frame, fps)}</span>
              </p>
              <TextField label={t("name")} value={name} onChange={(event) => setName(event.target.value)} maxLength={80} autoComplete="name" />
              <label className={styles.label} htmlFor="guest-body">
                {t("comment")}
              </label>
              <textarea
                id="guest-body"
                className={styles.textarea}
                rows={3}
                maxLength={5000}
                value={body}
                onChange={(event) => setBody(event.target.value)}
                onFocus={() => playerRef.current?.pause()}
                placeholder={t("placeholder")}
              />
              {formError ? <FormAlert tone="error">{formError}</FormAlert> : null}
              <Button
                variant={drawing.active ? "primary" : "ghost"}
                size="sm"
                aria-pressed={drawing.active}
                onClick={() => {
                  playerRef.current?.pause();
                  drawing.toggle();
                }}
              >
                {drawing.shapes.length > 0 ? t("drawn", { count: drawing.shapes.length }) : t("draw")}
              </Button>
              <Button type="submit" variant="primary" loading={adding.isLoading}>
                {t("send")}
              </Button>
            </form>
          ) : (
            <p className={cx(styles.muted, styles.viewOnlyNote)}>{t("viewOnlyHint")}</p>
          )}
        </aside>
      </div>
    </div>
  );
}
