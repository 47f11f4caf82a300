import { NextResponse, type NextRequest } from "next/server";

import { NONCE_HEADER, pageSecurity } from "@/app/security";
import { LOCALE_COOKIE } from "@/shared/i18n/locales";
import { isGuestPath, LOCALE_HINT_HEADER, negotiateLocale } from "@/shared/i18n/negotiate";

/**
 * Every page gets a fresh CSP nonce and the security headers (src/app/security). Next reads
 * the nonce from the request's CSP header and puts it on its own scripts; the root layout
 * reads it from NONCE_HEADER. Pages are rendered per request anyway (the root layout reads
 * cookies), which nonces need. Share links also get the guest's language (LOCALE_HINT_HEADER).
 */
export function proxy(request: NextRequest) {
  const { nonce, csp, headers } = pageSecurity(
    { url: request.nextUrl, forwardedProto: request.headers.get("x-forwarded-proto") },
    {
      NODE_ENV: process.env.NODE_ENV,
      // Inlined at build time, as in the browser bundle (NEXT_PUBLIC_*); CSP_MEDIA_ORIGINS is read at run time.
      NEXT_PUBLIC_API_URL: process.env.NEXT_PUBLIC_API_URL,
      CSP_MEDIA_ORIGINS: process.env.CSP_MEDIA_ORIGINS,
      NEXT_PUBLIC_SENTRY_DSN: process.env.NEXT_PUBLIC_SENTRY_DSN,
    },
  );
  const forwarded = new Headers(request.headers);
  forwarded.set(NONCE_HEADER, nonce);
  forwarded.set("Content-Security-Policy", csp);
  // A guest on a share link reads it in their browser's language until they pick one (cookie).
  forwarded.delete(LOCALE_HINT_HEADER);
  if (isGuestPath(request.nextUrl.pathname) && !request.cookies.has(LOCALE_COOKIE)) {
    forwarded.set(LOCALE_HINT_HEADER, negotiateLocale(request.headers.get("accept-language")));
  }
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the hashed build assets (scripts, styles: served with their own type,
  // never a document). Prefetches too: a prefetched page may become the page shown.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
