"use client";

import { useState } from "react";

import { useDeleteSiteMutation, useRotateSiteKeyMutation, type Site } from "@/entities/site";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, Dialog, FormActions, useToast } from "@/shared/ui";

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
      <Dialog
        open={pending !== null}
        onClose={() => setPending(null)}
        title={pending === "delete" ? t("deleteTitle", { name: site.name }) : t("rotateTitle")}
        closeLabel={tc("close")}
        size="sm"
        role="alertdialog"
      >
        <p className={styles.body}>{pending === "delete" ? t("deleteBody") : t("rotateBody")}</p>
        <FormActions end>
          <Button variant="ghost" onClick={() => setPending(null)}>
            {t("cancel")}
          </Button>
          <Button variant="danger" loading={rotating.isLoading || removing.isLoading} onClick={() => void confirm()}>
            {pending === "delete" ? t("deleteConfirm") : t("rotateConfirm")}
          </Button>
        </FormActions>
      </Dialog>
    </div>
  );
}
