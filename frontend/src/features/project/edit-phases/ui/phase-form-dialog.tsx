"use client";

import { useRef, useState, type FormEvent } from "react";

import type { Phase } from "@/entities/project";
import { asApiError, type ApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { otherServerErrors, serverFieldErrors, useApiErrorText, useValidationText } from "@/shared/lib/errors";
import { hasIssues } from "@/shared/lib/validation";
import { Button, Dialog, Form, FormActions, FormAlert, FormRow, TextField } from "@/shared/ui";

import { useCreatePhaseMutation, useUpdatePhaseMutation } from "../api/phases-api";
import { endBeforeStart, validatePhase, type PhaseFormValues } from "../model/validate";

const FIELDS = ["name", "start", "end", "order"] as const;

export interface PhaseFormDialogProps {
  projectId: string;
  /** The phase to edit; absent to create one. */
  phase?: Phase;
  /** Dates a new phase starts with (e.g. after the last one). */
  defaults?: { start: string; end: string };
  open: boolean;
  onClose: () => void;
}

/** Create or edit a phase by form — the keyboard-friendly twin of dragging. */
export function PhaseFormDialog({ projectId, phase, defaults, open, onClose }: PhaseFormDialogProps) {
  const t = useTranslations("projectPhases");
  const tc = useTranslations("common");
  if (!open) return null;
  return (
    <Dialog
      open
      onClose={onClose}
      title={phase ? t("formTitleEdit") : t("formTitleNew")}
      closeLabel={tc("close")}
      size="sm"
    >
      <PhaseForm projectId={projectId} phase={phase} defaults={defaults} onDone={onClose} />
    </Dialog>
  );
}

function PhaseForm({
  projectId,
  phase,
  defaults,
  onDone,
}: {
  projectId: string;
  phase?: Phase;
  defaults?: { start: string; end: string };
  onDone: () => void;
}) {
  const t = useTranslations("projectPhases");
  const errorText = useApiErrorText();
  const validationText = useValidationText();
  const [values, setValues] = useState<PhaseFormValues>({
    name: phase?.name ?? "",
    start: phase?.start ?? defaults?.start ?? "",
    end: phase?.end ?? defaults?.end ?? "",
  });
  const [attempted, setAttempted] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [createPhase, created] = useCreatePhaseMutation();
  const [updatePhase, updated] = useUpdatePhaseMutation();
  const endRef = useRef<HTMLInputElement>(null);

  const issues = attempted ? validatePhase(values) : {};
  const reversed = endBeforeStart(values);
  const server = serverFieldErrors(serverError, FIELDS);
  const others = otherServerErrors(serverError, FIELDS);
  const set = (field: keyof PhaseFormValues) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (hasIssues(validatePhase(values)) || reversed) {
      if (reversed) endRef.current?.focus();
      return;
    }
    setServerError(null);
    const body = { name: values.name.trim(), start: values.start, end: values.end };
    try {
      if (phase) await updatePhase({ projectId, id: phase.id, patch: body }).unwrap();
      else await createPhase({ projectId, body }).unwrap();
      onDone();
    } catch (error) {
      setServerError(asApiError(error));
    }
  };

  return (
    <Form onSubmit={(event) => void submit(event)} aria-label={phase ? t("formTitleEdit") : t("formTitleNew")}>
      {serverError && !Object.keys(server).length ? (
        <FormAlert>{others.length ? others.join(" ") : errorText(serverError)}</FormAlert>
      ) : null}
      <TextField
        label={t("name")}
        value={values.name}
        onChange={set("name")}
        autoComplete="off"
        error={validationText(issues.name) ?? server.name ?? server.order}
      />
      <FormRow>
        <TextField
          type="date"
          label={t("start")}
          value={values.start}
          onChange={set("start")}
          error={validationText(issues.start) ?? server.start}
        />
        <TextField
          ref={endRef}
          type="date"
          label={t("end")}
          value={values.end}
          min={values.start || undefined}
          onChange={set("end")}
          error={validationText(issues.end) ?? (reversed ? t("endBeforeStart") : null) ?? server.end}
        />
      </FormRow>
      <FormActions end>
        <Button type="button" variant="ghost" onClick={onDone}>
          {t("cancel")}
        </Button>
        <Button type="submit" variant="primary" loading={created.isLoading || updated.isLoading}>
          {phase ? t("save") : t("create")}
        </Button>
      </FormActions>
    </Form>
  );
}
