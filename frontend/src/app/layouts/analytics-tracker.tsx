import Script from "next/script";

import { apiBaseUrl } from "@/shared/config";

/**
 * Dogfooding: the frontend is itself a tracked site (issue 8). The tracker script is
 * served by Django; it is embedded only when a site key is configured
 * (`scripts/run.py` passes the demo site's key).
 */
export function AnalyticsTracker() {
  const siteKey = process.env.NEXT_PUBLIC_VP_SITE_KEY;
  if (!siteKey) return null;
  return <Script src={`${apiBaseUrl()}/static/vp-tracker.js`} data-site={siteKey} strategy="afterInteractive" />;
}
