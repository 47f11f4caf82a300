"use client";

import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, FormAlert, PageSpinner } from "@/shared/ui";

import { useGetUnsubscribeLinkQuery, useUnsubscribeMutation } from "../api/unsubscribe-api";

/** What the link stops (kinds, masked address), then one button that stops their e-mail (they stay in the app). */
export function UnsubscribeConfirm({ token }: { token: string }) {
  const t = useTranslations("unsubscribe");
  const tk = useTranslations("notificationSettings");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const link = useGetUnsubscribeLinkQuery(token);
  const [unsubscribe, result] = useUnsubscribeMutation();

  if (link.isLoading) return <PageSpinner label={tc("loading")} />;
  if (link.isError || !link.data) {
    const error = asApiError(link.error);
    return <FormAlert tone="error">{error.code === "unsubscribe_link_invalid" ? t("invalid") : errorText(error)}</FormAlert>;
  }
  if (result.isSuccess) return <FormAlert tone="success">{t("done")}</FormAlert>;

  return (
    <>
      {result.isError ? <FormAlert tone="error">{errorText(asApiError(result.error))}</FormAlert> : null}
      <p>{t("question", { email: link.data.email })}</p>
      <ul>
        {link.data.kinds.map((kind) => (
          <li key={kind}>{tk(`kinds.${kind}`)}</li>
        ))}
      </ul>
      <Button type="button" variant="danger" fullWidth loading={result.isLoading} onClick={() => void unsubscribe(token)}>
        {t("confirm")}
      </Button>
    </>
  );
}
