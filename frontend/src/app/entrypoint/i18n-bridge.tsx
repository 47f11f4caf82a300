"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { useSelector } from "react-redux";

import { selectIsAuthenticated } from "@/entities/session";
import { useGetMeQuery } from "@/entities/user";
import { I18nProvider, useAppLocale, useTranslations, type AppLocale, type Messages } from "@/shared/i18n";
import { ToastProvider } from "@/shared/ui";

/**
 * The UI adopts the signed-in user's saved language once per session; after
 * that the switcher (which also saves it) is in charge.
 */
function LocaleSync() {
  const authenticated = useSelector(selectIsAuthenticated);
  const { data: user } = useGetMeQuery(undefined, { skip: !authenticated });
  const { locale, setLocale } = useAppLocale();
  const adoptedFor = useRef<string | null>(null);

  useEffect(() => {
    if (!authenticated) {
      adoptedFor.current = null;
      return;
    }
    if (!user || adoptedFor.current === user.id) return;
    adoptedFor.current = user.id;
    if (user.locale !== locale) setLocale(user.locale);
  }, [authenticated, user, locale, setLocale]);

  return null;
}

function Toasts({ children }: { children: ReactNode }) {
  const t = useTranslations("common");
  return <ToastProvider closeLabel={t("close")}>{children}</ToastProvider>;
}

export interface I18nBridgeProps {
  initialLocale: AppLocale;
  initialMessages: Messages;
  children: ReactNode;
}

export function I18nBridge({ initialLocale, initialMessages, children }: I18nBridgeProps) {
  const authenticated = useSelector(selectIsAuthenticated);
  const { data: user } = useGetMeQuery(undefined, { skip: !authenticated });

  return (
    <I18nProvider initialLocale={initialLocale} initialMessages={initialMessages} timeZone={user?.timezone}>
      <LocaleSync />
      <Toasts>{children}</Toasts>
    </I18nProvider>
  );
}
