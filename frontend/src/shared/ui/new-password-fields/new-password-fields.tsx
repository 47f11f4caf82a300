"use client";

import type { ReactNode } from "react";

import { useTranslations } from "@/shared/i18n";

import { TextField } from "../text-field";

/** What `useFormState().register(field)` hands a field. */
export interface RegisteredField {
  name: string;
  value: string | undefined;
  onChange: (event: { target: { value: string } }) => void;
  ref: (element: HTMLInputElement | null) => void;
}

export interface NewPasswordFieldsProps {
  password: RegisteredField;
  confirm: RegisteredField;
  passwordLabel: ReactNode;
  confirmLabel: ReactNode;
  passwordError?: string | null;
  confirmError?: string | null;
  hint?: ReactNode;
  autoFocus?: boolean;
}

/** A new password and its confirmation: sign-up verification, reset and change share one look
 * (new-password autocomplete, show/hide). */
export function NewPasswordFields({
  password,
  confirm,
  passwordLabel,
  confirmLabel,
  passwordError,
  confirmError,
  hint,
  autoFocus,
}: NewPasswordFieldsProps) {
  const tc = useTranslations("common");
  const reveal = { show: tc("showPassword"), hide: tc("hidePassword") };
  return (
    <>
      <TextField
        label={passwordLabel}
        type="password"
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
        hint={hint}
        revealLabels={reveal}
        error={passwordError}
        {...password}
      />
      <TextField
        label={confirmLabel}
        type="password"
        autoComplete="new-password"
        required
        revealLabels={reveal}
        error={confirmError}
        {...confirm}
      />
    </>
  );
}
