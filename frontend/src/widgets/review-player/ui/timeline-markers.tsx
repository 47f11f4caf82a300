"use client";

import { memo, useMemo, useState } from "react";

import { useTranslations } from "@/shared/i18n";
import { frameToSmpte } from "@/shared/lib/timecode";
import { cx, menuItemClassName, Popover } from "@/shared/ui";

import { clusterMarkers, rangeBands, type MarkerCluster } from "../model/cluster-markers";
import styles from "./timeline.module.css";

export interface TimelineMarker {
  id: string;
  frame: number;
  endFrame: number | null;
  label: string;
  resolved?: boolean;
  internal?: boolean;
}

/** A cluster's menu lists this many; the rest are next to them in the comment list it seeks to. */
const CLUSTER_MENU_LIMIT = 50;

const pct = (value: number) => `${value * 100}%`;

interface MarkersProps {
  markers: readonly TimelineMarker[];
  lastFrame: number;
  fps: number;
  /** Measured width of the track (0 until measured). */
  trackPx: number;
  selectedId: string | null;
  onSeekFrame: (frame: number) => void;
  onMarkerSelect?: (id: string) => void;
}

/** The spans of range comments, merged into bands where they overlap (under the rail's markers). */
export const MarkerRanges = memo(function MarkerRanges({ markers, lastFrame, trackPx }: Pick<MarkersProps, "markers" | "lastFrame" | "trackPx">) {
  const bands = useMemo(() => rangeBands(markers, lastFrame, trackPx), [markers, lastFrame, trackPx]);
  return bands.map((band) => (
    <span
      key={`${band.key}-range`}
      className={cx(styles.range, band.resolved && styles.resolved)}
      style={{ left: pct(band.start), width: pct(band.end - band.start) }}
      aria-hidden="true"
    />
  ));
});

/**
 * Comment markers above the track. Markers closer than a few pixels merge into a cluster
 * with their count: clicking it seeks to its first comment (the list scrolls there) and
 * opens a menu of its comments. Memoised: the playhead moving does not redraw them.
 */
export const TimelineMarkers = memo(function TimelineMarkers({ markers, lastFrame, fps, trackPx, selectedId, onSeekFrame, onMarkerSelect }: MarkersProps) {
  const clusters = useMemo(() => clusterMarkers(markers, lastFrame, trackPx), [markers, lastFrame, trackPx]);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const pick = (marker: TimelineMarker) => {
    onSeekFrame(marker.frame);
    onMarkerSelect?.(marker.id);
  };
  return (
    <div className={styles.markers} data-testid="timeline-markers">
      {clusters.map((cluster) =>
        cluster.markers.length === 1 ? (
          <SingleMarker key={cluster.key} marker={cluster.markers[0]!} fps={fps} position={cluster.position} selected={cluster.key === selectedId} onPick={pick} />
        ) : (
          <ClusterMarker
            key={cluster.key}
            cluster={cluster}
            fps={fps}
            selectedId={selectedId}
            open={openKey === cluster.key}
            onOpenChange={(open) => setOpenKey(open ? cluster.key : null)}
            onPick={pick}
          />
        ),
      )}
    </div>
  );
});

interface SingleMarkerProps {
  marker: TimelineMarker;
  fps: number;
  position: number;
  selected: boolean;
  onPick: (marker: TimelineMarker) => void;
}

function SingleMarker({ marker, fps, position, selected, onPick }: SingleMarkerProps) {
  const t = useTranslations("reviewPlayer");
  const timecode = frameToSmpte(marker.frame, fps);
  return (
    <button
      type="button"
      className={cx(styles.marker, selected && styles.selected, marker.resolved && styles.resolved, marker.internal && styles.internal)}
      style={{ left: pct(position) }}
      aria-label={t("marker", { timecode, label: marker.label })}
      title={`${timecode} · ${marker.label}`}
      onClick={() => onPick(marker)}
      data-testid="timeline-marker"
    />
  );
}

interface ClusterMarkerProps {
  cluster: MarkerCluster<TimelineMarker>;
  fps: number;
  selectedId: string | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onPick: (marker: TimelineMarker) => void;
}

function ClusterMarker({ cluster, fps, selectedId, open, onOpenChange, onPick }: ClusterMarkerProps) {
  const t = useTranslations("reviewPlayer");
  const { markers } = cluster;
  const range = { count: markers.length, from: frameToSmpte(cluster.firstFrame, fps), to: frameToSmpte(cluster.lastFrame, fps) };
  const name = t("cluster", range);
  const shown = markers.slice(0, CLUSTER_MENU_LIMIT);
  return (
    <span className={styles.clusterSlot} style={{ left: pct(cluster.position) }}>
      <Popover
        open={open}
        onOpenChange={onOpenChange}
        kind="menu"
        label={t("clusterMenu", range)}
        placement="above"
        align={cluster.position > 0.5 ? "end" : "start"}
        panelClassName={styles.clusterPanel}
        trigger={({ onClick, ...props }) => (
          <button
            {...props}
            type="button"
            className={cx(
              styles.cluster,
              selectedId !== null && markers.some((marker) => marker.id === selectedId) && styles.selected,
              markers.every((marker) => marker.resolved) && styles.resolved,
            )}
            aria-label={name}
            title={name}
            onClick={() => {
              // Opening jumps to the cluster's first comment, so the list shows its neighbourhood.
              if (!open) onPick(markers[0]!);
              onClick();
            }}
            data-testid="timeline-cluster"
            data-count={markers.length}
          >
            {markers.length > 99 ? "99+" : markers.length}
          </button>
        )}
      >
        <div className={styles.clusterList}>
          {shown.map((marker) => (
            <button
              key={marker.id}
              type="button"
              role="menuitem"
              className={cx(menuItemClassName, styles.clusterItem)}
              onClick={() => {
                onPick(marker);
                onOpenChange(false);
              }}
              data-testid="timeline-cluster-item"
            >
              <span className={styles.clusterTimecode}>{frameToSmpte(marker.frame, fps)}</span>
              <span className={styles.clusterLabel}>{marker.label}</span>
            </button>
          ))}
          {markers.length > shown.length ? (
            <div role="menuitem" aria-disabled="true" className={styles.clusterMore}>
              {t("clusterMore", { count: markers.length - shown.length })}
            </div>
          ) : null}
        </div>
      </Popover>
    </span>
  );
}
