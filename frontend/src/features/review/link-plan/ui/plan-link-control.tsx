"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";

import type { Asset } from "@/entities/asset";
import { asApiError } from "@/shared/api";
import { routes } from "@/shared/config";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, ChevronDownIcon, cx, FormAlert, Popover, SelectField, useToast } from "@/shared/ui";

import { useLinkPlanMutation, useListLinkablePlansQuery, useUnlinkPlanMutation } from "../api/link-plan-api";
import styles from "./plan-link-control.module.css";

export interface PlanLinkControlProps {
  asset: Pick<Asset, "id" | "project_id" | "plan_id" | "plan_title">;
  /** Editors and above link and unlink; everyone sees the linked plan. */
  canEdit: boolean;
}

function PlanLinkForm({ asset, onDone }: { asset: PlanLinkControlProps["asset"]; onDone: () => void }) {
  const t = useTranslations("shots.link");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const toast = useToast();
  const plans = useListLinkablePlansQuery(asset.project_id, { refetchOnMountOrArgChange: true });
  const [choice, setChoice] = useState(asset.plan_id ?? "");
  const [link, linking] = useLinkPlanMutation();
  const [unlink, unlinking] = useUnlinkPlanMutation();
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>, success: string) => {
    setError(null);
    try {
      await action();
      toast.show({ tone: "success", message: success });
      onDone();
    } catch (caught) {
      setError(t("failed", { reason: errorText(asApiError(caught)) }));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const plan = plans.data?.find((item) => item.id === choice);
    if (!plan) return;
    void run(() => link({ assetId: asset.id, planId: plan.id }).unwrap(), t("linkedToast", { title: plan.title }));
  };

  const options = (plans.data ?? []).map((plan) => ({
    value: plan.id,
    label: t("option", { title: plan.title, date: format.dateTime(new Date(plan.createdAt), { dateStyle: "medium", timeStyle: "short" }) }),
  }));
  return (
    <form className={styles.form} onSubmit={submit} data-testid="plan-link-form">
      {plans.isLoading ? (
        <p className={styles.note}>{t("loading")}</p>
      ) : plans.isError ? (
        <FormAlert tone="error">{errorText(asApiError(plans.error))}</FormAlert>
      ) : options.length === 0 ? (
        <p className={styles.note}>{t("empty")}</p>
      ) : (
        <SelectField
          label={t("select")}
          hint={t("hint")}
          value={choice}
          onChange={(event) => setChoice(event.target.value)}
          options={[{ value: "", label: t("choose") }, ...options]}
        />
      )}
      {error ? <FormAlert tone="error">{error}</FormAlert> : null}
      {asset.plan_id ? (
        <Link href={routes.plan(asset.plan_id)} className={styles.openPlan}>
          {t("open", { title: asset.plan_title ?? "" })}
        </Link>
      ) : null}
      <div className={styles.actions}>
        {asset.plan_id ? (
          <Button
            variant="ghost"
            size="sm"
            loading={unlinking.isLoading}
            onClick={() => void run(() => unlink(asset.id).unwrap(), t("unlinkedToast"))}
          >
            {t("unlink")}
          </Button>
        ) : null}
        <span className={styles.spacer} />
        <Button variant="secondary" size="sm" onClick={onDone}>
          {t("cancel")}
        </Button>
        <Button type="submit" variant="primary" size="sm" loading={linking.isLoading} disabled={!choice || choice === asset.plan_id}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

/**
 * Which plan the asset was shot from, as one compact pill in the room's header: a link to the
 * plan for readers; for editors it opens the picker to link, change or unlink it.
 */
export function PlanLinkControl({ asset, canEdit }: PlanLinkControlProps) {
  const t = useTranslations("shots.link");
  const [open, setOpen] = useState(false);
  const title = asset.plan_title ?? "";
  if (!canEdit) {
    if (!asset.plan_id) return null;
    return (
      <Link href={routes.plan(asset.plan_id)} className={styles.chip} title={title} data-testid="plan-link">
        <span className={styles.chipText}>{t("linked", { title })}</span>
      </Link>
    );
  }
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      label={t("dialog")}
      align="start"
      panelClassName={styles.panel}
      trigger={(props) => (
        <button {...props} type="button" className={cx(styles.chip, !asset.plan_id && styles.unlinked)} title={title || undefined} data-testid="plan-link">
          <span className={styles.chipText}>{asset.plan_id ? t("linked", { title }) : t("link")}</span>
          <ChevronDownIcon size={14} />
        </button>
      )}
    >
      <PlanLinkForm asset={asset} onDone={() => setOpen(false)} />
    </Popover>
  );
}
