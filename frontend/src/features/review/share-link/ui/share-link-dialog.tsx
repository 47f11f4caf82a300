"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";

import { asApiError } from "@/shared/api";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, FormAlert, Segmented, SelectField, TextField } from "@/shared/ui";

import {
  useCreateShareLinkMutation,
  useListShareLinksQuery,
  useRevokeShareLinkMutation,
  type ShareLink,
} from "../api/share-link-api";
import styles from "./share-link-dialog.module.css";

export interface ShareLinkDialogProps {
  versionId: string;
  open: boolean;
  onClose: () => void;
}

const EXPIRY_DAYS = ["1", "7", "30", "90"];

/** Create a guest link to this version (expiry, password, view or comment), copy it, revoke old ones. */
export function ShareLinkDialog({ versionId, open, onClose }: ShareLinkDialogProps) {
  const t = useTranslations("reviewShare");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const ref = useRef<HTMLDialogElement>(null);
  const [permission, setPermission] = useState<"view" | "comment">("comment");
  const [days, setDays] = useState("7");
  const [password, setPassword] = useState("");
  const [label, setLabel] = useState("");
  const [created, setCreated] = useState<ShareLink | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [create, { isLoading }] = useCreateShareLinkMutation();
  const [revoke] = useRevokeShareLinkMutation();
  const links = useListShareLinksQuery(versionId, { skip: !open });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (password && password.length < 4) {
      setError(t("passwordShort"));
      return;
    }
    try {
      const link = await create({
        versionId,
        body: {
          permission,
          expires_in_days: Number(days),
          ...(password ? { password } : {}),
          ...(label.trim() ? { label: label.trim() } : {}),
        },
      }).unwrap();
      setCreated(link);
      setCopied(false);
      setPassword("");
    } catch (caught) {
      setError(errorText(asApiError(caught)));
    }
  };

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const active = (links.data ?? []).filter((link) => link.state === "active");

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby="share-dialog-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <div className={styles.head}>
        <h2 id="share-dialog-title" className={styles.title}>
          {t("title")}
        </h2>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label={t("close")}>
          ✕
        </Button>
      </div>
      <form className={styles.form} onSubmit={submit}>
        <Segmented
          label={t("permission")}
          value={permission}
          onChange={setPermission}
          options={[
            { value: "comment", label: t("canComment") },
            { value: "view", label: t("viewOnly") },
          ]}
        />
        <div className={styles.row}>
          <SelectField
            label={t("expires")}
            value={days}
            onChange={(event) => setDays(event.target.value)}
            options={EXPIRY_DAYS.map((value) => ({ value, label: t("days", { count: Number(value) }) }))}
          />
          <TextField
            label={t("password")}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            hint={t("passwordHint")}
            maxLength={128}
          />
        </div>
        <TextField label={t("label")} value={label} onChange={(event) => setLabel(event.target.value)} maxLength={120} />
        {error ? <FormAlert tone="error">{error}</FormAlert> : null}
        <Button type="submit" variant="primary" loading={isLoading}>
          {t("create")}
        </Button>
      </form>
      {created ? (
        <div className={styles.created} data-testid="share-link-created">
          <label className={styles.urlLabel} htmlFor="share-url">
            {t("url")}
          </label>
          <div className={styles.urlRow}>
            <input id="share-url" className={styles.url} readOnly value={created.url} onFocus={(event) => event.target.select()} />
            <Button size="sm" onClick={() => void copy(created.url)}>
              {copied ? t("copied") : t("copy")}
            </Button>
          </div>
          <p className={styles.muted} aria-live="polite">
            {copied ? t("copiedAnnouncement") : ""}
          </p>
        </div>
      ) : null}
      {active.length > 0 ? (
        <div className={styles.links}>
          <h3 className={styles.subtitle}>{t("activeLinks")}</h3>
          <ul className={styles.list}>
            {active.map((link) => (
              <li key={link.id} className={styles.link}>
                <span className={styles.linkName}>{link.label || link.token.slice(0, 8)}</span>
                <span className={styles.muted}>
                  {link.permission === "comment" ? t("canComment") : t("viewOnly")}
                  {link.has_password ? ` · ${t("protected")}` : ""} ·{" "}
                  {t("until", { date: format.dateTime(new Date(link.expires_at), { dateStyle: "medium" }) })}
                </span>
                <Button size="sm" variant="ghost" onClick={() => void revoke({ versionId, linkId: link.id })}>
                  {t("revoke")}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </dialog>
  );
}
