"use client";

import { useEffect, useId, useRef, useState } from "react";

import { apiBaseUrl } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { Button, CheckIcon, useToast, VisuallyHidden } from "@/shared/ui";

import { buildEmbedSnippet } from "../model/snippet";
import styles from "./copy-snippet.module.css";

export interface CopySnippetProps {
  siteKey: string;
  /** Defaults to the API this app talks to (where the tracker is served). */
  apiBase?: string;
}

const COPIED_MS = 2000;

/** The embed line for a site, with a copy button that confirms what it did. */
export function CopySnippet({ siteKey, apiBase }: CopySnippetProps) {
  const t = useTranslations("analyticsSnippet");
  const { show } = useToast();
  const [copied, setCopied] = useState(false);
  const codeRef = useRef<HTMLElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const descriptionId = useId();
  const snippet = buildEmbedSnippet(apiBase ?? apiBaseUrl(), siteKey);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  async function copy() {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(true);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setCopied(false), COPIED_MS);
    } catch {
      // No clipboard permission (e.g. plain http): select it so Ctrl+C works.
      const node = codeRef.current;
      const selection = window.getSelection();
      if (node && selection) {
        const range = document.createRange();
        range.selectNodeContents(node);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      show({ tone: "error", message: t("copyFailed") });
    }
  }

  return (
    <div className={styles.snippet}>
      <p id={descriptionId} className={styles.hint}>
        {t("hint")}
      </p>
      <div className={styles.box}>
        <pre className={styles.pre} aria-describedby={descriptionId} tabIndex={0} data-testid="embed-snippet">
          <code ref={codeRef}>{snippet}</code>
        </pre>
        <Button size="sm" variant={copied ? "secondary" : "primary"} onClick={() => void copy()} className={styles.copy}>
          {copied ? <CheckIcon size={14} /> : null}
          {copied ? t("copied") : t("copy")}
        </Button>
      </div>
      <VisuallyHidden role="status">{copied ? t("copiedAnnouncement") : ""}</VisuallyHidden>
    </div>
  );
}
