"use client";

import { useState, type FormEvent } from "react";

import { useCreateAssetMutation, type Asset } from "@/entities/asset";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, FormAlert, TextField } from "@/shared/ui";

import styles from "./create-asset-form.module.css";

/** Add a deliverable ("Main cut", "Teaser 15s") to the project. */
export function CreateAssetForm({ projectId, onCreated }: { projectId: string; onCreated?: (asset: Asset) => void }) {
  const t = useTranslations("reviewAssets");
  const errorText = useApiErrorText();
  const [create, { isLoading }] = useCreateAssetMutation();
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setError(t("titleRequired"));
      return;
    }
    setError(null);
    try {
      const asset = await create({ projectId, body: { title: title.trim() } }).unwrap();
      setTitle("");
      onCreated?.(asset);
    } catch (caught) {
      const apiError = asApiError(caught);
      setError(apiError.details.title?.[0] ?? errorText(apiError));
    }
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <TextField
        label={t("newAssetTitle")}
        placeholder={t("newAssetPlaceholder")}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        maxLength={200}
        className={styles.field}
      />
      <Button type="submit" variant="primary" loading={isLoading}>
        {t("create")}
      </Button>
      {error ? <FormAlert tone="error" className={styles.alert}>{error}</FormAlert> : null}
    </form>
  );
}
