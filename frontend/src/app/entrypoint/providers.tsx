"use client";

import type { ReactNode } from "react";

import type { AppLocale, Messages } from "@/shared/i18n";
import { ThemeProvider, type Theme } from "@/shared/ui";

import { I18nBridge } from "./i18n-bridge";
import { RealtimeBridge } from "./realtime-bridge";
import { SessionBootstrap } from "./session-bootstrap";
import { StoreProvider } from "./store-provider";

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
