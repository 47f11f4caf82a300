"use client";

import { useState } from "react";

import { useDeleteSiteMutation, useRotateSiteKeyMutation, type Site } from "@/entities/site";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, ConfirmDialog, useToast } from "@/shared/ui";

import styles from "./site-actions.module.css";

type Pending = "rotate" | "delete" | null;

export interface SiteActionsProps {
  site: Site;
  onDeleted?: (site: Site) => void;
}

/** Rotate the public key or delete the site, each behind a confirmation. */
export function SiteActions({ site, onDeleted }: SiteActionsProps) {
  const t = useTranslations("analyticsSiteActions");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const { show } = useToast();
  const [pending, setPending] = useState<Pending>(null);
  const [rotate, rotating] = useRotateSiteKeyMutation();
  const [remove, removing] = useDeleteSiteMutation();

  async function confirm() {
    try {
      if (pending === "rotate") {
        await rotate(site.id).unwrap();
        show({ tone: "success", message: t("rotated") });
      } else if (pending === "delete") {
        await remove(site.id).unwrap();
        show({ tone: "success", message: t("deleted", { name: site.name }) });
        onDeleted?.(site);
      }
      setPending(null);
    } catch (error) {
      show({ tone: "error", message: errorText(asApiError(error)) });
    }
  }

  return (
    <div className={styles.actions}>
      <Button size="sm" onClick={() => setPending("rotate")}>
        {t("rotate")}
      </Button>
      <Button size="sm" variant="danger" onClick={() => setPending("delete")}>
        {t("delete")}
      </Button>
      <ConfirmDialog
        open={pending !== null}
        onCancel={() => setPending(null)}
        onConfirm={() => void confirm()}
        busy={rotating.isLoading || removing.isLoading}
        title={pending === "delete" ? t("deleteTitle", { name: site.name }) : t("rotateTitle")}
        body={pending === "delete" ? t("deleteBody") : t("rotateBody")}
        confirmLabel={pending === "delete" ? t("deleteConfirm") : t("rotateConfirm")}
        cancelLabel={t("cancel")}
        closeLabel={tc("close")}
      />
    </div>
  );
}
