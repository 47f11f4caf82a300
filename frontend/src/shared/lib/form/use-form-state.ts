"use client";

import { useCallback, useRef, useState } from "react";

import { asApiError, type ApiError } from "@/shared/api";

import type { FieldIssues } from "../validation";

export interface FormStateOptions<V extends Record<string, string>> {
  initial: V;
  validate: (values: V) => FieldIssues<Extract<keyof V, string>>;
  /** Throws (an ApiError from `.unwrap()`) on failure. */
  submit: (values: V) => Promise<unknown>;
  /** Runs after a successful submit; `reset` clears the form (e.g. password fields). */
  onSuccess?: (helpers: { reset: (values: V) => void }) => void;
}

/**
 * The small amount of state every form here needs: values, client issues
 * (re-checked while typing once the user has tried to submit), the server's
 * error, and focus on the first invalid field.
 */
export function useFormState<V extends Record<string, string>>({
  initial,
  validate,
  submit,
  onSuccess,
}: FormStateOptions<V>) {
  type Field = Extract<keyof V, string>;
  const [values, setValues] = useState<V>(initial);
  const [issues, setIssues] = useState<FieldIssues<Field>>({});
  const [attempted, setAttempted] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const refs = useRef<Partial<Record<Field, HTMLInputElement | HTMLSelectElement | null>>>({});

  const setValue = useCallback(
    (field: Field, value: string) => {
      const next = { ...values, [field]: value };
      setValues(next);
      if (attempted) setIssues(validate(next));
    },
    [values, attempted, validate],
  );

  const register = useCallback(
    (field: Field) => ({
      name: field,
      value: values[field],
      onChange: (event: { target: { value: string } }) => setValue(field, event.target.value),
      ref: (element: HTMLInputElement | HTMLSelectElement | null) => {
        refs.current[field] = element;
      },
    }),
    [values, setValue],
  );

  const reset = useCallback((next: V) => {
    setValues(next);
    setIssues({});
    setAttempted(false);
    setServerError(null);
  }, []);

  const handleSubmit = useCallback(
    async (event?: { preventDefault: () => void }) => {
      event?.preventDefault();
      setAttempted(true);
      const found = validate(values);
      setIssues(found);
      const firstInvalid = (Object.keys(values) as Field[]).find((field) => found[field]);
      if (firstInvalid) {
        refs.current[firstInvalid]?.focus();
        return;
      }
      setServerError(null);
      setSubmitting(true);
      try {
        await submit(values);
        onSuccess?.({ reset });
      } catch (error) {
        const apiError = asApiError(error);
        setServerError(apiError);
        const firstServerField = (Object.keys(values) as Field[]).find((field) => apiError.details[field]?.length);
        if (firstServerField) refs.current[firstServerField]?.focus();
      } finally {
        setSubmitting(false);
      }
    },
    [validate, values, submit, onSuccess, reset],
  );

  return { values, setValue, issues, serverError, submitting, register, handleSubmit, reset };
}
