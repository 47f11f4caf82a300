"use client";

import Link from "next/link";
import { useCallback, useState } from "react";

import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { serverFieldErrors, useApiErrorText, useValidationText } from "@/shared/lib/errors";
import { useFormState } from "@/shared/lib/form";
import { Button, buttonClassName, EmptyState, Form, FormAlert, LinkOffIcon, MailIcon, NewPasswordFields } from "@/shared/ui";

import { useVerifyEmailMutation } from "../api/verify-email-api";
import { isInvalidVerificationLink, validateVerifyEmail, type VerifyEmailValues } from "../model/validate";
import styles from "./verify-email.module.css";

/**
 * Follows the link of the verification e-mail. Whoever opened it owns the mailbox, so they
 * set the account's password here (the one chosen at sign-up, or a new one): someone else
 * who registered the address first never keeps the account.
 */
export function VerifyEmailStatus({ token }: { token: string | null }) {
  const t = useTranslations("auth.verify");
  const errorText = useApiErrorText();
  const issueText = useValidationText();
  const [verify] = useVerifyEmailMutation();
  const [verifiedEmail, setVerifiedEmail] = useState<string | null>(null);

  const submit = useCallback(
    async (values: VerifyEmailValues) => {
      const answer = await verify({ token: token ?? "", password: values.password }).unwrap();
      setVerifiedEmail(answer.email);
    },
    [verify, token],
  );
  const form = useFormState<VerifyEmailValues>({
    initial: { password: "", confirm: "" },
    validate: validateVerifyEmail,
    submit,
  });

  if (verifiedEmail !== null) {
    return (
      <div role="status">
        <EmptyState
          compact
          icon={<MailIcon size={20} />}
          title={t("doneTitle")}
          body={t("doneBody", { email: verifiedEmail })}
          action={
            <Link className={buttonClassName({ variant: "primary" })} href={`${routes.login}?email=${encodeURIComponent(verifiedEmail)}`}>
              {t("goLogin")}
            </Link>
          }
        />
      </div>
    );
  }

  if (!token || (form.serverError !== null && isInvalidVerificationLink(form.serverError.details, form.serverError.code))) {
    return (
      <EmptyState
        compact
        tone="error"
        icon={<LinkOffIcon size={20} />}
        title={t("invalidTitle")}
        body={t("invalidBody")}
        action={
          <Link className={buttonClassName({ variant: "secondary" })} href={routes.login}>
            {t("goLogin")}
          </Link>
        }
      />
    );
  }

  const server = serverFieldErrors(form.serverError, ["password"] as const);

  return (
    <Form onSubmit={form.handleSubmit} aria-label={t("title")}>
      <p className={styles.intro}>{t("intro")}</p>
      {form.serverError && !server.password ? <FormAlert tone="error">{errorText(form.serverError)}</FormAlert> : null}
      <NewPasswordFields
        autoFocus
        password={form.register("password")}
        confirm={form.register("confirm")}
        passwordLabel={t("password")}
        confirmLabel={t("confirmPassword")}
        passwordError={issueText(form.issues.password) ?? server.password}
        confirmError={issueText(form.issues.confirm)}
      />
      <Button type="submit" variant="primary" fullWidth loading={form.submitting}>
        {form.submitting ? t("submitting") : t("submit")}
      </Button>
    </Form>
  );
}
