"use client";

import Link from "next/link";
import { useCallback, useState } from "react";

import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { serverFieldErrors, useApiErrorText, useValidationText } from "@/shared/lib/errors";
import { useFormState } from "@/shared/lib/form";
import { Button, buttonClassName, CheckCircleIcon, EmptyState, Form, FormAlert, LinkOffIcon, NewPasswordFields } from "@/shared/ui";

import { useConfirmPasswordResetMutation } from "../api/reset-api";
import { isInvalidLinkError, validateResetConfirm, type ResetConfirmValues } from "../model/validate";

export interface ResetConfirmFormProps {
  uid: string | null;
  token: string | null;
}

export function ResetConfirmForm({ uid, token }: ResetConfirmFormProps) {
  const t = useTranslations("auth.resetConfirm");
  const errorText = useApiErrorText();
  const issueText = useValidationText();
  const [confirm] = useConfirmPasswordResetMutation();
  const [done, setDone] = useState(false);

  const submit = useCallback(
    async (values: ResetConfirmValues) => {
      await confirm({ uid: uid ?? "", token: token ?? "", new_password: values.new_password }).unwrap();
      setDone(true);
    },
    [confirm, uid, token],
  );
  const form = useFormState<ResetConfirmValues>({
    initial: { new_password: "", confirm: "" },
    validate: validateResetConfirm,
    submit,
  });

  const linkBroken = !uid || !token || (form.serverError !== null && isInvalidLinkError(form.serverError.details, form.serverError.code));

  if (linkBroken) {
    return (
      <EmptyState
        compact
        tone="error"
        icon={<LinkOffIcon size={20} />}
        title={t("invalidLinkTitle")}
        body={t("invalidLink")}
        action={
          <Link className={buttonClassName({ variant: "secondary" })} href={routes.resetPassword}>
            {t("requestNew")}
          </Link>
        }
      />
    );
  }

  if (done) {
    return (
      <div role="status">
        <EmptyState
          compact
          icon={<CheckCircleIcon size={20} />}
          title={t("doneTitle")}
          body={t("doneBody")}
          action={
            <Link className={buttonClassName({ variant: "primary" })} href={routes.login}>
              {t("goLogin")}
            </Link>
          }
        />
      </div>
    );
  }

  const server = serverFieldErrors(form.serverError, ["new_password"] as const);

  return (
    <Form onSubmit={form.handleSubmit} aria-label={t("title")}>
      {form.serverError ? <FormAlert tone="error">{errorText(form.serverError)}</FormAlert> : null}
      <NewPasswordFields
        autoFocus
        password={form.register("new_password")}
        confirm={form.register("confirm")}
        passwordLabel={t("newPassword")}
        confirmLabel={t("confirmPassword")}
        passwordError={issueText(form.issues.new_password) ?? server.new_password}
        confirmError={issueText(form.issues.confirm)}
      />
      <Button type="submit" variant="primary" fullWidth loading={form.submitting}>
        {form.submitting ? t("submitting") : t("submit")}
      </Button>
    </Form>
  );
}
