"use client";

import { lazy, Suspense, useId, useState } from "react";

import {
  isDigestOpen,
  registerDigestRealtime,
  useGetVersionDigestQuery,
  useRequestVersionDigestMutation,
} from "@/entities/version-digest";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useRealtimeListeners } from "@/shared/lib/redux";
import { Button, ChevronDownIcon } from "@/shared/ui";

import { DigestLoading } from "./digest-loading";
import styles from "./version-digest.module.css";

// The panel often stays folded (the review room starts it so): its body loads when unfolded.
const DigestBody = lazy(() => import("./digest-body"));

/** Fallback to realtime events while a digest is on its way (a dropped socket still finishes). */
const POLL_MS = 5000;

export interface VersionDigestProps {
  versionId: string;
  /** Reviewers and above may ask for a digest (the server checks too). */
  canRequest: boolean;
  /** A cited comment was chosen: seek the player to it and select it. */
  onSeekToFeedback: (feedbackId: string) => void;
  /** Starts folded to its header (e.g. in a crowded sidebar); it unfolds itself while a digest runs. */
  defaultCollapsed?: boolean;
}

/**
 * The AI summary of a version's feedback round, grouped by category; every
 * point cites the comments it comes from as buttons that seek the player.
 */
export function VersionDigest({ versionId, canRequest, onSeekToFeedback, defaultCollapsed = false }: VersionDigestProps) {
  const t = useTranslations("planningDigest");
  const ids = useId();
  const [collapsed, setCollapsed] = useState(defaultCollapsed);
  useRealtimeListeners(registerDigestRealtime);
  const { data: peek } = useGetVersionDigestQuery(versionId);
  const { data: digest } = useGetVersionDigestQuery(versionId, {
    pollingInterval: isDigestOpen(peek) ? POLL_MS : 0,
  });
  const [requestDigest, request] = useRequestVersionDigestMutation();
  const requestError = request.isError ? asApiError(request.error) : null;
  const open = isDigestOpen(digest);
  // A digest on its way (asked for here or by a teammate) unfolds the panel and leaves it open.
  if (open && collapsed) setCollapsed(false);

  const ask = () => {
    setCollapsed(false);
    void requestDigest(versionId);
  };
  const askButton = canRequest ? (
    <Button
      variant={digest?.result ? "secondary" : "primary"}
      size="sm"
      onClick={ask}
      loading={request.isLoading}
      disabled={open}
      data-testid="digest-request"
    >
      {digest ? t("requestAgain") : t("request")}
    </Button>
  ) : null;

  const expanded = !collapsed;
  return (
    <section className={styles.panel} aria-labelledby={`${ids}-title`} data-testid="version-digest">
      <header className={styles.header}>
        <button
          type="button"
          className={styles.toggle}
          aria-expanded={expanded}
          aria-controls={`${ids}-body`}
          onClick={() => setCollapsed(expanded)}
        >
          <ChevronDownIcon size={14} aria-hidden="true" className={styles.chevron} />
          <h2 id={`${ids}-title`} className={styles.title}>
            {t("title")}
          </h2>
        </button>
        {digest && !open ? askButton : null}
      </header>
      {expanded ? (
        <div id={`${ids}-body`} className={styles.body}>
          <Suspense fallback={<DigestLoading />}>
            <DigestBody
              versionId={versionId}
              canRequest={canRequest}
              askButton={askButton}
              requestError={requestError}
              onSeekToFeedback={onSeekToFeedback}
            />
          </Suspense>
        </div>
      ) : null}
    </section>
  );
}
