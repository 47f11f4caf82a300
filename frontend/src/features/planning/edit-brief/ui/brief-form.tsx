"use client";

import { useState, type FormEvent } from "react";

import { useCreateBriefMutation, useUpdateBriefMutation, type Brief } from "@/entities/plan";
import { asApiError, type ApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { otherServerErrors, serverFieldErrors, useApiErrorText } from "@/shared/lib/errors";
import { Button, Form, FormActions, FormAlert, FormRow, SelectField, TextAreaField, TextField } from "@/shared/ui";

import {
  BRIEF_FIELDS,
  BRIEF_LIMITS,
  briefToValues,
  DURATION_MAX_SECONDS,
  DURATION_MIN_SECONDS,
  emptyBriefValues,
  formatDuration,
  validateBrief,
  valuesToInput,
  type BriefField,
  type BriefIssue,
  type BriefIssues,
  type BriefValues,
} from "../model/validate";
import styles from "./brief-form.module.css";

export interface BriefFormProps {
  projectId: string;
  /** Edit this brief; without it the form creates one. */
  brief?: Brief;
  onSaved?: (brief: Brief) => void;
  onCancel?: () => void;
}

const VIDEO_TYPE_SUGGESTIONS = ["commercial", "brand", "explainer", "interview", "event", "tutorial", "music"] as const;
const PLATFORM_SUGGESTIONS = ["YouTube", "YouTube Shorts", "Instagram Reels", "TikTok", "TV", "Website"] as const;

type FieldElement = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** Create or edit a brief: every field of the model, checked here first and by the server after. */
export function BriefForm({ projectId, brief, onSaved, onCancel }: BriefFormProps) {
  const t = useTranslations("planningBrief");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const [values, setValues] = useState<BriefValues>(() => (brief ? briefToValues(brief) : emptyBriefValues()));
  const [issues, setIssues] = useState<BriefIssues>({});
  const [attempted, setAttempted] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [createBrief, createState] = useCreateBriefMutation();
  const [updateBrief, updateState] = useUpdateBriefMutation();
  const submitting = createState.isLoading || updateState.isLoading;

  const issueText = (issue: BriefIssue | undefined): string | null => {
    if (!issue) return null;
    switch (issue.key) {
      case "maxLength":
        return t("errors.maxLength", issue.values);
      case "durationRange":
        return t("errors.durationRange", {
          min: issue.values.min,
          max: formatDuration(issue.values.max),
        });
      default:
        return t(`errors.${issue.key}`);
    }
  };
  const server = serverFieldErrors(serverError, BRIEF_FIELDS);
  const others = otherServerErrors(serverError, BRIEF_FIELDS);

  const field = (name: BriefField) => ({
    name,
    value: values[name],
    onChange: (event: { target: { value: string } }) => {
      const next = { ...values, [name]: event.target.value };
      setValues(next);
      if (attempted) setIssues(validateBrief(next));
    },
    error: issueText(issues[name]) ?? server[name] ?? null,
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    // Fields are found by name in the submitted form: no refs to keep in sync.
    const focus = (name: BriefField) => (form.elements.namedItem(name) as FieldElement | null)?.focus();
    setAttempted(true);
    const found = validateBrief(values);
    setIssues(found);
    const firstInvalid = BRIEF_FIELDS.find((name) => found[name]);
    if (firstInvalid) {
      focus(firstInvalid);
      return;
    }
    setServerError(null);
    try {
      const body = valuesToInput(values);
      const saved = brief
        ? await updateBrief({ id: brief.id, body }).unwrap()
        : await createBrief({ projectId, body }).unwrap();
      onSaved?.(saved);
    } catch (error) {
      const apiError = asApiError(error);
      setServerError(apiError);
      const firstServerField = BRIEF_FIELDS.find((name) => apiError.details[name]?.length);
      if (firstServerField) focus(firstServerField);
    }
  };

  const seconds = Number(values.target_duration_seconds);
  const durationHint =
    Number.isInteger(seconds) && seconds >= DURATION_MIN_SECONDS && seconds <= DURATION_MAX_SECONDS
      ? t("durationHint", { duration: formatDuration(seconds) })
      : t("durationRangeHint", { min: DURATION_MIN_SECONDS, max: formatDuration(DURATION_MAX_SECONDS) });

  return (
    <Form aria-label={brief ? t("editTitle") : t("createTitle")} onSubmit={onSubmit} className={styles.form}>
      {serverError ? (
        <FormAlert tone="error" meta={serverError.requestId ? tc("requestId", { id: serverError.requestId }) : undefined}>
          {errorText(serverError)}
          {others.length ? (
            <ul className={styles.others}>
              {others.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </FormAlert>
      ) : null}
      <TextField label={t("title")} required placeholder={t("titlePlaceholder")} {...field("title")} />
      <TextAreaField
        label={t("description")}
        required
        rows={5}
        placeholder={t("descriptionPlaceholder")}
        hint={t("descriptionHint", { count: values.description.length, max: BRIEF_LIMITS.description })}
        {...field("description")}
      />
      <FormRow>
        <TextField label={t("videoType")} required list="brief-video-types" placeholder={t("videoTypePlaceholder")} {...field("video_type")} />
        <TextField
          label={t("targetDuration")}
          required
          inputMode="numeric"
          hint={durationHint}
          {...field("target_duration_seconds")}
        />
      </FormRow>
      <datalist id="brief-video-types">
        {VIDEO_TYPE_SUGGESTIONS.map((value) => (
          <option key={value} value={t(`videoTypes.${value}`)} />
        ))}
      </datalist>
      <FormRow>
        <TextField label={t("audience")} placeholder={t("audiencePlaceholder")} {...field("audience")} />
        <TextField label={t("tone")} placeholder={t("tonePlaceholder")} {...field("tone")} />
      </FormRow>
      <FormRow>
        <TextField label={t("platform")} list="brief-platforms" placeholder={t("platformPlaceholder")} {...field("platform")} />
        <SelectField
          label={t("language")}
          hint={t("languageHint")}
          options={[
            { value: "ko", label: t("languages.ko") },
            { value: "en", label: t("languages.en") },
          ]}
          {...field("language")}
        />
      </FormRow>
      <datalist id="brief-platforms">
        {PLATFORM_SUGGESTIONS.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <FormActions end>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel} disabled={submitting}>
            {t("cancel")}
          </Button>
        ) : null}
        <Button type="submit" variant="primary" loading={submitting}>
          {brief ? t("save") : t("create")}
        </Button>
      </FormActions>
    </Form>
  );
}
