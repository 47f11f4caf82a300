"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";

import {
  registerReviewProjectRealtime,
  roleCan,
  useGetAssetQuery,
  useGetReviewProjectQuery,
  useListReviewMembersQuery,
  type ReviewUser,
} from "@/entities/asset";
import {
  AnnotationView,
  currentFeedbackId,
  DEFAULT_FEEDBACK_FILTER,
  feedbackAtFrame,
  registerFeedbackRealtime,
  useListFeedbackQuery,
  type Feedback,
  type FeedbackFilter,
  type Shape,
} from "@/entities/feedback";
import { useGetMeQuery } from "@/entities/user";
import {
  registerVersionRealtime,
  ReviewStatusBadge,
  useGetVersionQuery,
  useListVersionsQuery,
  useVersionRoom,
  versionFps,
  VersionStatusBadge,
  type Version,
} from "@/entities/version";
import { ExportButtons } from "@/features/review/export-feedback";
import { DecisionPanel } from "@/features/review/review-decision";
import { UploadVersion } from "@/features/review/upload-version";
import { toAnnotation, type DrawTool } from "@/widgets/annotation-canvas";
import { FeedbackPanelSkeleton } from "@/widgets/feedback-panel";
import { ReviewPlayer, type PlayerHandle, type TimelineMarker } from "@/widgets/review-player";
import { VersionDigest } from "@/widgets/version-digest";
import { asApiError } from "@/shared/api";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { useRealtimeListeners } from "@/shared/lib/redux";
import { frameAt, frameToSmpte, seekTimeForFrame, timebase } from "@/shared/lib/timecode";
import { AlertCircleIcon, Avatar, Button, EmptyState, PageSpinner, Spinner, VisuallyHidden } from "@/shared/ui";

import { createPresenceThrottle } from "../model/presence-throttle";
import { useProjectEvents } from "../model/use-project-events";
import styles from "./review-room.module.css";

// Drawing, side-by-side compare and sharing come into play on demand: their code loads then, not with the room.
const AnnotationCanvas = lazy(() => import("@/widgets/annotation-canvas").then((m) => ({ default: m.AnnotationCanvas })));
const AnnotationToolbar = lazy(() => import("@/widgets/annotation-canvas").then((m) => ({ default: m.AnnotationToolbar })));
const ComparePlayers = lazy(() => import("@/widgets/review-player").then((m) => ({ default: m.ComparePlayers })));
// The comment column shows comments fetched as the room opens: its code loads alongside them,
// behind the same skeleton the list shows while they are on their way.
const CommentsColumn = lazy(() => import("./comments-column"));
const ShareLinkDialog = lazy(() => import("@/features/review/share-link").then((m) => ({ default: m.ShareLinkDialog })));

function pickVersion(versions: readonly Version[], wanted: string | null): Version | null {
  if (wanted) return versions.find((version) => version.id === wanted) ?? null;
  return versions.find((version) => version.status === "ready") ?? versions[0] ?? null;
}

function userOf(me: { id: string; email: string; display_name: string; avatar: string | null }): ReviewUser {
  return { id: me.id, email: me.email, display_name: me.display_name, avatar: me.avatar };
}

/** The review room of one asset: player, comments, drawing, decisions, presence — all live. */
export function AssetReviewPage({ assetId }: { assetId: string }) {
  const t = useTranslations("review");
  const errorText = useApiErrorText();
  const router = useRouter();
  const params = useSearchParams();
  const wantedVersion = params.get("version");
  const wantedFeedback = params.get("feedback");
  // Comments and versions change live; the project stream also says when my role or the members changed.
  useRealtimeListeners(registerFeedbackRealtime, registerVersionRealtime, registerReviewProjectRealtime);

  const me = useGetMeQuery();
  const asset = useGetAssetQuery(assetId);
  const projectId = asset.data?.project_id;
  const project = useGetReviewProjectQuery(projectId ?? "", { skip: !projectId });
  const members = useListReviewMembersQuery(projectId ?? "", { skip: !projectId });
  useProjectEvents(projectId);
  const versions = useListVersionsQuery(assetId);
  const listed = pickVersion(versions.data ?? [], wantedVersion);
  const versionQuery = useGetVersionQuery(listed?.id ?? "", { skip: !listed });
  const version = versionQuery.data ?? listed;
  const versionId = version?.id ?? null;
  const fps = versionFps(version);

  const feedback = useListFeedbackQuery(versionId ?? "", { skip: !versionId || version?.status !== "ready" });
  const items = useMemo(() => feedback.data ?? [], [feedback.data]);
  const room = useVersionRoom(versionId, me.data?.id ?? null);

  const playerRef = useRef<PlayerHandle>(null);
  const [seconds, setSeconds] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(wantedFeedback);
  const [filter, setFilter] = useState<FeedbackFilter>(DEFAULT_FEEDBACK_FILTER);
  const [drawing, setDrawing] = useState(false);
  const [tool, setTool] = useState<DrawTool>("rect");
  const [color, setColor] = useState("#ff4d4f");
  const [shapes, setShapes] = useState<Shape[]>([]);
  const [shareOpen, setShareOpen] = useState(false);
  // Mounted on first use and kept, so the dialog keeps its state between openings.
  const [shareUsed, setShareUsed] = useState(false);
  const [compareId, setCompareId] = useState<string | null>(null);

  const role = project.data?.my_role ?? null;
  const canComment = roleCan(role, "comment");
  const canResolve = roleCan(role, "resolve");
  const canUpload = roleCan(role, "upload");
  const canModerate = roleCan(role, "manage");

  const frame = frameAt(seconds, fps);
  const hold = timebase(fps);
  const currentId = currentFeedbackId(items, frame, hold);

  // Tell the room where we are (throttled), and forget it when the version changes.
  const sendPresence = room.sendPresence;
  const throttle = useMemo(() => createPresenceThrottle(sendPresence), [sendPresence]);
  useEffect(() => () => throttle.cancel(), [throttle]);
  const onTimeChange = (time: number, isPlaying: boolean) => {
    setSeconds(time);
    setPlaying(isPlaying);
    throttle.report(time, isPlaying);
  };

  const seekTo = (item: Feedback) => {
    setSelectedId(item.id);
    playerRef.current?.pause();
    playerRef.current?.seekFrame(item.frame);
  };

  // Pin the version in the URL once chosen, so a newer upload never swaps the picture under
  // someone mid-review (they get a "newer version" hint instead).
  const pickedId = listed?.id ?? null;
  useEffect(() => {
    if (wantedVersion || !pickedId) return;
    const query = new URLSearchParams({ version: pickedId, ...(wantedFeedback ? { feedback: wantedFeedback } : {}) });
    router.replace(`${routes.assetReview(assetId)}?${query.toString()}`, { scroll: false });
  }, [assetId, pickedId, router, wantedFeedback, wantedVersion]);

  // A link to one comment (?feedback=) lands on its frame once the list is in.
  const landed = useRef(false);
  useEffect(() => {
    if (landed.current || !wantedFeedback || items.length === 0) return;
    const item = items.find((entry) => entry.id === wantedFeedback);
    if (!item) return;
    landed.current = true;
    const timer = window.setTimeout(() => playerRef.current?.seekSeconds(seekTimeForFrame(item.frame, fps)), 300);
    return () => window.clearTimeout(timer);
  }, [fps, items, wantedFeedback]);

  const selectVersion = (id: string) => {
    setShapes([]);
    setDrawing(false);
    setCompareId(null);
    router.replace(`${routes.assetReview(assetId)}?version=${id}`);
  };

  const markers: TimelineMarker[] = useMemo(
    () =>
      items
        .filter((item) => !item.deleted)
        .map((item) => ({
          id: item.id,
          frame: item.frame,
          endFrame: item.end_frame,
          label: `${item.author?.display_name ?? item.guest_name}: ${item.body.slice(0, 60)}`,
          resolved: item.resolved,
          internal: item.internal,
        })),
    [items],
  );

  const viewersOnTimeline = room.viewers
    .filter((viewer) => viewer.playhead !== null)
    .map((viewer) => ({ id: viewer.id, name: viewer.display_name, seconds: viewer.playhead ?? 0 }));

  // Drawings of the comments at the playhead (or the one picked in the list) lie over the frame.
  const shownAnnotations = useMemo(() => {
    const here = feedbackAtFrame(items, frame, playing ? hold : 0).filter((item) => item.annotation);
    const selected = items.find((item) => item.id === selectedId && item.annotation && item.frame === frame);
    if (selected && !here.includes(selected)) here.push(selected);
    return here;
  }, [frame, hold, items, playing, selectedId]);

  const overlay = drawing ? (
    <Suspense fallback={null}>
      <AnnotationCanvas tool={tool} color={color} shapes={shapes} onShapesChange={setShapes} />
    </Suspense>
  ) : (
    <>
      {shapes.length > 0 ? <AnnotationView annotation={toAnnotation(shapes)} /> : null}
      {shownAnnotations.map((item) => (
        <AnnotationView key={item.id} annotation={item.annotation} label={t("drawingOf", { author: item.author?.display_name ?? item.guest_name })} />
      ))}
    </>
  );

  if (asset.isError || versions.isError) {
    const error = asApiError(asset.error ?? versions.error);
    return (
      <div className={styles.room} data-theme="dark">
        <div className={styles.state}>
          <EmptyState
            tone="error"
            icon={<AlertCircleIcon size={20} />}
            title={error.status === 404 ? t("notFound") : errorText(error)}
            action={<Button onClick={() => void asset.refetch()}>{t("retry")}</Button>}
          />
        </div>
      </div>
    );
  }
  if (!asset.data || !versions.data || !me.data) {
    return (
      <div className={styles.room} data-theme="dark">
        <div className={styles.state}>
          <PageSpinner label={t("loading")} />
        </div>
      </div>
    );
  }

  const meUser = userOf(me.data);
  const compareVersion = compareId ? (versions.data.find((item) => item.id === compareId) ?? null) : null;
  const otherReady = versions.data.filter((item) => item.id !== versionId && item.status === "ready");
  const newest = versions.data.find((item) => item.status === "ready");
  const newer = newest && version && newest.number > version.number ? newest : null;

  let stage;
  if (!version) {
    stage = (
      <div className={styles.state}>
        <EmptyState title={t("noVersions")} body={canUpload ? t("noVersionsHint") : undefined} />
      </div>
    );
  } else if (version.status === "processing" || version.status === "uploading") {
    stage = (
      <div className={styles.state} data-testid="version-processing">
        <div>
          <Spinner size={28} label={t("processing")} />
          <p>{t("processing")}</p>
        </div>
      </div>
    );
  } else if (version.status === "failed") {
    stage = (
      <div className={styles.state}>
        <EmptyState tone="error" icon={<AlertCircleIcon size={20} />} title={t("failed")} body={version.failure_reason || version.failure_code} />
      </div>
    );
  } else if (compareVersion) {
    stage = (
      <Suspense
        fallback={
          <div className={styles.state}>
            <Spinner size={28} label={t("loading")} />
          </div>
        }
      >
        <ComparePlayers
          onTimeChange={onTimeChange}
          left={{
            caption: t("versionLabel", { number: version.number }),
            src: version.file_url,
            poster: version.poster_url,
            fps,
            frameCount: version.frame_count,
            duration: version.duration,
            width: version.width,
            height: version.height,
            markers,
            playheads: viewersOnTimeline,
            selectedMarkerId: selectedId,
            onMarkerSelect: setSelectedId,
            overlay,
            label: t("videoLabel", { title: asset.data.title, number: version.number }),
          }}
          right={{
            caption: t("versionLabel", { number: compareVersion.number }),
            src: compareVersion.file_url,
            poster: compareVersion.poster_url,
            fps: versionFps(compareVersion),
            frameCount: compareVersion.frame_count,
            duration: compareVersion.duration,
            width: compareVersion.width,
            height: compareVersion.height,
            label: t("videoLabel", { title: asset.data.title, number: compareVersion.number }),
          }}
        />
      </Suspense>
    );
  } else {
    stage = (
      <>
        <ReviewPlayer
          ref={playerRef}
          key={version.id}
          src={version.file_url}
          poster={version.poster_url}
          fps={fps}
          frameCount={version.frame_count}
          duration={version.duration}
          width={version.width}
          height={version.height}
          markers={markers}
          playheads={viewersOnTimeline}
          selectedMarkerId={selectedId}
          onMarkerSelect={setSelectedId}
          onTimeChange={onTimeChange}
          overlay={overlay}
          keyboard
          label={t("videoLabel", { title: asset.data.title, number: version.number })}
          onMediaError={() => void versionQuery.refetch()}
        />
        {drawing ? (
          <div className={styles.toolbarSlot}>
            <Suspense fallback={null}>
              <AnnotationToolbar
                tool={tool}
                onToolChange={setTool}
                color={color}
                onColorChange={setColor}
                canUndo={shapes.length > 0}
                onUndo={() => setShapes((list) => list.slice(0, -1))}
                onClear={() => setShapes([])}
                onDone={() => setDrawing(false)}
              />
            </Suspense>
          </div>
        ) : null}
      </>
    );
  }

  return (
    <div className={styles.room} data-theme="dark" data-testid="review-room">
      <title>{`${asset.data.title} · ${t("title")}`}</title>
      <div className={styles.topbar}>
        <Link className={styles.back} href={routes.projectAssets(asset.data.project_id)}>
          ← {t("backToAssets")}
        </Link>
        <div className={styles.titleBlock}>
          <h1 className={styles.title}>{asset.data.title}</h1>
          {project.data ? <span className={styles.project}>{project.data.name}</span> : null}
        </div>
        {versions.data.length > 0 && version ? (
          <select
            className={styles.select}
            aria-label={t("version")}
            value={version.id}
            onChange={(event) => selectVersion(event.target.value)}
            data-testid="version-switcher"
          >
            {versions.data.map((item) => (
              <option key={item.id} value={item.id}>
                {t("versionOption", { number: item.number, label: item.label || item.original_name })}
              </option>
            ))}
          </select>
        ) : null}
        {version ? <VersionStatusBadge status={version.status} /> : null}
        {version?.status === "ready" ? <ReviewStatusBadge status={version.review_status} /> : null}
        {version?.status === "ready" && otherReady.length > 0 ? (
          <label className={styles.compareBar}>
            {t("compareWith")}
            <select
              className={styles.select}
              value={compareId ?? ""}
              onChange={(event) => setCompareId(event.target.value || null)}
              data-testid="compare-select"
            >
              <option value="">{t("compareOff")}</option>
              {otherReady.map((item) => (
                <option key={item.id} value={item.id}>
                  {t("versionLabel", { number: item.number })}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {newer ? (
          <button type="button" className={styles.newer} onClick={() => selectVersion(newer.id)} data-testid="newer-version">
            {t("newerVersion", { number: newer.number })}
          </button>
        ) : null}
        <span className={styles.spacer} />
        <span className={styles.live} data-status={room.status} data-testid="room-status" title={t(`room.${room.status}`)}>
          <span className={styles.liveDot} aria-hidden="true" />
          {t("watching", { count: room.viewers.length })}
        </span>
        {room.viewers.length > 0 ? (
          <ul className={styles.viewers} aria-label={t("viewers")} data-testid="viewers">
            {room.viewers.map((viewer) => (
              <li
                key={viewer.id}
                className={styles.viewer}
                data-playing={viewer.playing ?? false}
                title={
                  viewer.playhead !== null
                    ? t("viewerAt", { name: viewer.display_name, timecode: frameToSmpte(frameAt(viewer.playhead, fps), fps) })
                    : viewer.display_name
                }
              >
                <Avatar name={viewer.display_name} size={26} />
                <VisuallyHidden>{viewer.display_name}</VisuallyHidden>
              </li>
            ))}
          </ul>
        ) : null}
        {version?.status === "ready" ? <ExportButtons versionId={version.id} /> : null}
        {canUpload ? <UploadVersion assetId={assetId} compact /> : null}
        {version?.status === "ready" && canUpload ? (
          <Button
            size="sm"
            variant="primary"
            onClick={() => {
              setShareUsed(true);
              setShareOpen(true);
            }}
          >
            {t("share")}
          </Button>
        ) : null}
      </div>
      <div className={styles.body}>
        <div className={styles.stage}>{stage}</div>
        <aside className={styles.sidebar} aria-label={t("sidebar")}>
          {version?.status === "ready" ? (
            <div className={styles.sideTop}>
              <DecisionPanel version={version} myId={me.data.id} canDecide={canResolve} />
              <VersionDigest
                versionId={version.id}
                canRequest={canResolve}
                defaultCollapsed
                onSeekToFeedback={(id) => {
                  const item = items.find((entry) => entry.id === id);
                  if (item) seekTo(item);
                }}
              />
            </div>
          ) : null}
          <div className={styles.sideMain}>
            {version?.status === "ready" ? (
              <Suspense fallback={<FeedbackPanelSkeleton />}>
                <CommentsColumn
                  versionId={version.id}
                  items={items}
                  loading={feedback.isLoading}
                  error={feedback.isError ? errorText(asApiError(feedback.error)) : null}
                  filter={filter}
                  onFilterChange={setFilter}
                  currentId={currentId}
                  selectedId={selectedId}
                  onSeek={seekTo}
                  me={meUser}
                  members={members.data ?? []}
                  canComment={canComment}
                  canResolve={canResolve}
                  canModerate={canModerate}
                  typing={room.typing.map((user) => user.display_name)}
                  composer={
                    canComment && !compareVersion
                      ? {
                          versionId: version.id,
                          fps,
                          frame,
                          members: members.data ?? [],
                          me: meUser,
                          drawing: toAnnotation(shapes),
                          drawingActive: drawing,
                          onToggleDrawing: () => {
                            playerRef.current?.pause();
                            setDrawing((value) => !value);
                          },
                          onClearDrawing: () => {
                            setShapes([]);
                            setDrawing(false);
                          },
                          onStartWriting: () => playerRef.current?.pause(),
                          onTyping: room.sendTyping,
                        }
                      : null
                  }
                />
              </Suspense>
            ) : null}
          </div>
        </aside>
      </div>
      {version?.status === "ready" && canUpload && shareUsed ? (
        <Suspense fallback={null}>
          <ShareLinkDialog versionId={version.id} open={shareOpen} onClose={() => setShareOpen(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
