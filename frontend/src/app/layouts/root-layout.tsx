import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";

import { loadMessages, LOCALE_COOKIE, LOCALE_HINT_HEADER, normaliseLocale } from "@/shared/i18n";
import { isTheme, THEME_COOKIE, themeBootScript } from "@/shared/ui";

import { Providers } from "../entrypoint";
import { NONCE_HEADER } from "../security";
import "../styles/globals.css";

import { AnalyticsTracker } from "./analytics-tracker";

export const metadata: Metadata = {
  title: "VideoPlanet",
  description: "영상 제작 팀을 위한 실시간 협업 플랫폼 · Realtime collaboration for video production teams",
  applicationName: "VideoPlanet",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f6f6f8" },
    { media: "(prefers-color-scheme: dark)", color: "#0e0f11" },
  ],
};

/**
 * The html shell. Language and theme come from cookies (a guest's language from the
 * browser until chosen) so the first paint is already right; everything else renders in
 * the browser. Our own scripts carry this response's CSP nonce (set by proxy.ts).
 */
export async function RootLayout({ children }: { children: ReactNode }) {
  const jar = await cookies();
  const requestHeaders = await headers();
  // The chosen language; else, on a share link, the guest's browser's (set by proxy.ts).
  const locale = normaliseLocale(jar.get(LOCALE_COOKIE)?.value ?? requestHeaders.get(LOCALE_HINT_HEADER));
  const messages = await loadMessages(locale);
  const themeCookie = jar.get(THEME_COOKIE)?.value;
  const theme = isTheme(themeCookie) ? themeCookie : null;
  const nonce = requestHeaders.get(NONCE_HEADER) ?? undefined;

  return (
    <html lang={locale} data-theme={theme ?? undefined} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body>
        <Providers initialLocale={locale} initialMessages={messages} initialTheme={theme}>
          {children}
        </Providers>
        <AnalyticsTracker nonce={nonce} />
      </body>
    </html>
  );
}
