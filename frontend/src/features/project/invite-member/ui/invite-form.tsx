"use client";

import { assignableRoles, manageReason, type Role } from "@/entities/project";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { otherServerErrors, serverFieldErrors, useApiErrorText, useValidationText } from "@/shared/lib/errors";
import { useFormState } from "@/shared/lib/form";
import { Button, Form, FormAlert, SelectField, TextField, useToast } from "@/shared/ui";

import { useCreateInvitationMutation, useReplaceInvitationMutation } from "../api/invitations-api";
import { validateInvite, type InviteValues } from "../model/validate";
import styles from "./invite-form.module.css";

const FIELDS = ["email", "role"] as const;

/** Invite by email with a role the inviter may give (never above their own). */
export function InviteForm({ projectId, myRole }: { projectId: string; myRole: Role | null }) {
  const t = useTranslations("projectInvite");
  const tr = useTranslations("projectRole");
  const treasons = useTranslations("projects.reasons");
  const errorText = useApiErrorText();
  const validationText = useValidationText();
  const toast = useToast();
  const [createInvitation] = useCreateInvitationMutation();
  const [replaceInvitation, replacing] = useReplaceInvitationMutation();
  const roles = assignableRoles(myRole);
  const reason = manageReason(myRole);
  const initial: InviteValues = { email: "", role: roles.includes("editor") ? "editor" : (roles.at(-1) ?? "viewer") };

  const form = useFormState<InviteValues>({
    initial,
    validate: validateInvite,
    submit: async (values) => {
      await createInvitation({ projectId, email: values.email.trim(), role: values.role as Role }).unwrap();
      toast.show({ tone: "success", message: t("sent", { email: values.email.trim() }) });
    },
    // The role stays as picked: the next invitation is often for the same role.
    onSuccess: ({ reset }) => reset({ ...initial, role: form.values.role }),
  });
  // Already invited: the pending invitation's role and id, and explicit resend / change.
  const invited =
    form.serverError?.code === "already_invited"
      ? { role: form.serverError.details.role?.[0] ?? "", id: form.serverError.details.invitation_id?.[0] ?? "" }
      : null;
  const serverError = invited ? null : form.serverError;
  const server = serverFieldErrors(serverError, FIELDS);
  const others = otherServerErrors(serverError, FIELDS);
  const roleName = (role: string) => ((roles as string[]).includes(role) || role === "owner" ? tr(role as Role) : role);

  const replace = async (role: string) => {
    if (!invited) return;
    const email = form.values.email.trim();
    try {
      await replaceInvitation({ projectId, invitationId: invited.id, email, role: role as Role }).unwrap();
      toast.show({ tone: "success", message: t("sent", { email }) });
      form.reset({ ...initial, role: form.values.role });
    } catch (error) {
      toast.show({ tone: "error", message: errorText(asApiError(error)) });
    }
  };

  return (
    <Form onSubmit={(event) => void form.handleSubmit(event)} aria-label={t("title")} className={styles.form}>
      {reason ? <p className={styles.reason}>{treasons(reason)}</p> : null}
      {serverError && !Object.keys(server).length ? (
        <FormAlert>{others.length ? others.join(" ") : errorText(serverError)}</FormAlert>
      ) : null}
      {invited ? (
        <FormAlert tone="info">
          <span>{t("alreadyInvited", { role: roleName(invited.role) })}</span>{" "}
          <Button size="sm" loading={replacing.isLoading} onClick={() => void replace(invited.role)}>
            {t("resend")}
          </Button>{" "}
          {form.values.role !== invited.role ? (
            <Button size="sm" loading={replacing.isLoading} onClick={() => void replace(form.values.role)}>
              {t("changeRole", { role: roleName(form.values.role) })}
            </Button>
          ) : null}
        </FormAlert>
      ) : null}
      <div className={styles.row}>
        <TextField
          className={styles.email}
          type="email"
          label={t("email")}
          placeholder={t("emailPlaceholder")}
          autoComplete="off"
          disabled={Boolean(reason)}
          error={validationText(form.issues.email) ?? server.email}
          {...form.register("email")}
        />
        <SelectField
          className={styles.role}
          label={t("role")}
          disabled={Boolean(reason)}
          options={(roles.length ? roles : (["viewer"] as Role[])).map((role) => ({ value: role, label: tr(role) }))}
          error={server.role}
          {...form.register("role")}
        />
        <Button
          type="submit"
          variant="primary"
          className={styles.submit}
          loading={form.submitting}
          disabled={Boolean(reason)}
          title={reason ? treasons(reason) : undefined}
        >
          {form.submitting ? t("submitting") : t("submit")}
        </Button>
      </div>
    </Form>
  );
}
