"use client";

import Link from "next/link";
import { useParams } from "next/navigation";

import { UnsubscribeConfirm } from "@/features/account/unsubscribe-notifications";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { AuthCard } from "@/shared/ui";

/**
 * Next hands a dynamic segment over percent-encoded as it was in the path: a signed token's
 * ":" arrives as "%3A", and sent on as such (encoded once more by the API call) the server
 * would read a different, invalid token.
 */
export function decodedSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `/unsubscribe/<token>`: the link in a notification e-mail; works without signing in. */
export function UnsubscribePage() {
  const token = decodedSegment(useParams<{ token: string }>().token);
  const t = useTranslations("unsubscribe");
  const tc = useTranslations("common");

  return (
    <AuthCard title={t("title")} footer={<Link href={routes.notificationSettings}>{t("manage")}</Link>}>
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      <div data-testid="unsubscribe-page">
        <UnsubscribeConfirm token={token} />
      </div>
    </AuthCard>
  );
}
