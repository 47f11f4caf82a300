"use client";

import type { ReactNode } from "react";

import type { AppLocale, Messages } from "@/shared/i18n";
import { initErrorReporting } from "@/shared/lib/error-reporting";
import { ThemeProvider, type Theme } from "@/shared/ui";

import { I18nBridge } from "./i18n-bridge";
import { RealtimeBridge } from "./realtime-bridge";
import { SessionBootstrap } from "./session-bootstrap";
import { StoreProvider } from "./store-provider";

// Frontend errors reach Sentry when NEXT_PUBLIC_SENTRY_DSN is set (in the browser only,
// before the first render, so that errors while rendering are caught too).
if (typeof window !== "undefined") initErrorReporting();

export interface ProvidersProps {
  initialLocale: AppLocale;
  initialMessages: Messages;
  initialTheme: Theme | null;
  children: ReactNode;
}

export function Providers({ initialLocale, initialMessages, initialTheme, children }: ProvidersProps) {
  return (
    <StoreProvider>
      <ThemeProvider initialTheme={initialTheme}>
        <I18nBridge initialLocale={initialLocale} initialMessages={initialMessages}>
          <SessionBootstrap />
          <RealtimeBridge />
          {children}
        </I18nBridge>
      </ThemeProvider>
    </StoreProvider>
  );
}
