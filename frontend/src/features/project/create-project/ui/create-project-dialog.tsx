"use client";

import { useState } from "react";

import { PROJECT_STATUSES, type Project, type ProjectStatus } from "@/entities/project";
import { useTranslations } from "@/shared/i18n";
import { otherServerErrors, serverFieldErrors, useApiErrorText, useValidationText } from "@/shared/lib/errors";
import { useFormState } from "@/shared/lib/form";
import { Button, Dialog, Form, FormActions, FormAlert, FormRow, SelectField, TextField } from "@/shared/ui";

import { useCreateProjectMutation } from "../api/create-project-api";
import { validateCreateProject, type CreateProjectValues } from "../model/validate";

const FIELDS = ["name", "description", "deadline", "status"] as const;
const INITIAL: CreateProjectValues = { name: "", description: "", deadline: "", status: "planning" };

export interface CreateProjectDialogProps {
  onCreated: (project: Project) => void;
  /** Label of the opening button (defaults to "New project"). */
  triggerLabel?: string;
  triggerVariant?: "primary" | "secondary";
}

/** "New project" button and its form; the creator becomes the owner. */
export function CreateProjectDialog({ onCreated, triggerLabel, triggerVariant = "primary" }: CreateProjectDialogProps) {
  const t = useTranslations("projectCreate");
  const ts = useTranslations("projectStatus");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const validationText = useValidationText();
  const [open, setOpen] = useState(false);
  const [createProject] = useCreateProjectMutation();

  const form = useFormState<CreateProjectValues>({
    initial: INITIAL,
    validate: validateCreateProject,
    submit: async (values) => {
      const project = await createProject({
        name: values.name.trim(),
        description: values.description.trim(),
        deadline: values.deadline || null,
        status: values.status as ProjectStatus,
      }).unwrap();
      setOpen(false);
      onCreated(project);
    },
    onSuccess: ({ reset }) => reset(INITIAL),
  });
  const server = serverFieldErrors(form.serverError, FIELDS);
  const others = otherServerErrors(form.serverError, FIELDS);
  const close = () => {
    setOpen(false);
    form.reset(INITIAL);
  };

  return (
    <>
      <Button variant={triggerVariant} onClick={() => setOpen(true)} data-testid="create-project">
        {triggerLabel ?? t("title")}
      </Button>
      <Dialog open={open} onClose={close} title={t("title")} description={t("description")} closeLabel={tc("close")}>
        <Form onSubmit={(event) => void form.handleSubmit(event)} aria-label={t("title")}>
          {form.serverError && !Object.keys(server).length ? (
            <FormAlert meta={form.serverError.requestId ? tc("requestId", { id: form.serverError.requestId }) : null}>
              {others.length ? others.join(" ") : errorText(form.serverError)}
            </FormAlert>
          ) : null}
          <TextField
            label={t("name")}
            placeholder={t("namePlaceholder")}
            autoComplete="off"
            maxLength={400}
            required
            error={validationText(form.issues.name) ?? server.name}
            {...form.register("name")}
          />
          <TextField
            label={t("summary")}
            autoComplete="off"
            error={validationText(form.issues.description) ?? server.description}
            {...form.register("description")}
          />
          <FormRow>
            <TextField type="date" label={t("deadline")} error={server.deadline} {...form.register("deadline")} />
            <SelectField
              label={t("status")}
              options={PROJECT_STATUSES.filter((status) => status !== "archived").map((status) => ({
                value: status,
                label: ts(status),
              }))}
              error={server.status}
              {...form.register("status")}
            />
          </FormRow>
          <FormActions end>
            <Button type="button" variant="ghost" onClick={close}>
              {t("cancel")}
            </Button>
            <Button type="submit" variant="primary" loading={form.submitting}>
              {form.submitting ? t("submitting") : t("submit")}
            </Button>
          </FormActions>
        </Form>
      </Dialog>
    </>
  );
}
