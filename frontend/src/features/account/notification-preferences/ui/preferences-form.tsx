"use client";

import { useState, type FormEvent } from "react";

import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, Form, FormActions, FormAlert, PageSpinner } from "@/shared/ui";

import {
  useGetNotificationPreferencesQuery,
  useUpdateNotificationPreferencesMutation,
  type NotificationPreferences,
} from "../api/preferences-api";
import { modesFrom, NOTIFICATION_KINDS, NOTIFICATION_MODES, type ModeByKind, type NotificationKind } from "../model/kinds";
import styles from "./preferences-form.module.css";

/** Kinds × modes: one radio group per kind of notification; saved at once with one PUT. */
export function NotificationPreferencesForm() {
  const t = useTranslations("notificationSettings");
  const tc = useTranslations("common");
  const { data, isLoading, isError } = useGetNotificationPreferencesQuery();

  if (isLoading) return <PageSpinner label={tc("loading")} />;
  if (isError || !data) return <FormAlert tone="error">{t("loadError")}</FormAlert>;
  return <PreferencesTable initial={data} />;
}

function PreferencesTable({ initial }: { initial: NotificationPreferences }) {
  const t = useTranslations("notificationSettings");
  const errorText = useApiErrorText();
  const [modes, setModes] = useState<ModeByKind>(() => modesFrom(initial.kinds));
  const [saved, setSaved] = useState(false);
  const [update, { isLoading, error }] = useUpdateNotificationPreferencesMutation();
  const kinds = NOTIFICATION_KINDS.filter((kind) => modes[kind] !== undefined);

  const choose = (kind: NotificationKind, mode: (typeof NOTIFICATION_MODES)[number]) => {
    setSaved(false);
    setModes((current) => ({ ...current, [kind]: mode }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    try {
      const answer = await update({ kinds: kinds.map((kind) => ({ kind, mode: modes[kind]! })) }).unwrap();
      setModes(modesFrom(answer.kinds));
      setSaved(true);
    } catch {
      // `error` below tells what went wrong.
    }
  };

  return (
    <Form aria-label={t("title")} onSubmit={submit}>
      {error ? <FormAlert tone="error">{errorText(asApiError(error))}</FormAlert> : null}
      {saved ? <FormAlert tone="success">{t("saved")}</FormAlert> : null}
      <p className={styles.help}>{t("modeHelp")}</p>
      <div className={styles.scroll}>
        <table className={styles.table}>
          <caption>{t("tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("kindColumn")}</th>
              {NOTIFICATION_MODES.map((mode) => (
                <th key={mode} scope="col">
                  {t(`modes.${mode}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {kinds.map((kind) => (
              <tr key={kind}>
                <th scope="row">{t(`kinds.${kind}`)}</th>
                {NOTIFICATION_MODES.map((mode) => (
                  <td key={mode}>
                    <input
                      type="radio"
                      className={styles.radio}
                      name={`notification-${kind}`}
                      value={mode}
                      checked={modes[kind] === mode}
                      onChange={() => choose(kind, mode)}
                      aria-label={`${t(`kinds.${kind}`)}: ${t(`modes.${mode}`)}`}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormActions>
        <Button type="submit" loading={isLoading}>
          {t("save")}
        </Button>
      </FormActions>
    </Form>
  );
}
