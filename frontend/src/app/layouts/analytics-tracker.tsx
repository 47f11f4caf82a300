import { apiBaseUrl } from "@/shared/config";

/**
 * Dogfooding: the frontend is itself a tracked site (issue 8). The tracker script is
 * served by Django; it is embedded only when a site key is configured
 * (`scripts/run.py` passes the demo site's key). It goes in exactly as the embed snippet
 * we give customers — an async script that reads its key from `data-site` — rendered by
 * the server, so no script loader ships to the browser. It carries the page's CSP nonce:
 * under 'strict-dynamic' an allowed host is not enough.
 */
export function AnalyticsTracker({ nonce }: { nonce?: string }) {
  const siteKey = process.env.NEXT_PUBLIC_VP_SITE_KEY;
  if (!siteKey) return null;
  return <script async src={`${apiBaseUrl()}/static/vp-tracker.js`} data-site={siteKey} nonce={nonce} />;
}
