"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { IntlProvider, type IntlError } from "use-intl";

import { DEFAULT_TIME_ZONE, setActiveLocale, type AppLocale } from "./locales";
import { loadMessages, type Messages } from "./messages";
import { persistLocale } from "./persistence";

interface LocaleContextValue {
  locale: AppLocale;
  /** Change the UI language; remembered in a cookie the server reads for the first paint. */
  setLocale: (locale: AppLocale) => void;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

export interface I18nProviderProps {
  /** From the locale cookie on the server, so SSR and hydration agree. */
  initialLocale: AppLocale;
  /** That locale's catalogue, loaded by the server (see messages.ts). */
  initialMessages: Messages;
  /** IANA zone for dates; the signed-in user's own when known. */
  timeZone?: string;
  children: ReactNode;
}

function reportIntlError(error: IntlError): void {
  if (process.env.NODE_ENV !== "production") {
    console.error(error);
  }
}

export function I18nProvider({ initialLocale, initialMessages, timeZone, children }: I18nProviderProps) {
  const [{ locale, messages }, setCatalogue] = useState(() => {
    setActiveLocale(initialLocale);
    return { locale: initialLocale, messages: initialMessages };
  });

  const setLocale = useCallback((next: AppLocale) => {
    // API calls speak the new language at once; the UI follows when its catalogue is in.
    setActiveLocale(next);
    persistLocale(next);
    void loadMessages(next).then((loaded) => setCatalogue({ locale: next, messages: loaded }));
  }, []);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);

  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider
        locale={locale}
        messages={messages}
        timeZone={timeZone ?? DEFAULT_TIME_ZONE}
        onError={reportIntlError}
      >
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export function useAppLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) {
    throw new Error("useAppLocale must be used inside <I18nProvider>");
  }
  return value;
}
