/** Attribute-safe: a key never needs it, but a snippet is pasted into someone's HTML. */
function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The one line a site owner pastes into their `<head>` to start tracking. */
export function buildEmbedSnippet(apiBaseUrl: string, siteKey: string): string {
  const base = apiBaseUrl.replace(/\/+$/, "");
  return `<script async src="${escapeAttribute(`${base}/static/vp-tracker.js`)}" data-site="${escapeAttribute(siteKey)}"></script>`;
}
