const KEY = "vp.guestViewerKey";

/**
 * The random key this browser reports a guest's watching under (the server scopes it to the
 * share link). Kept so a reload or a second visit adds to the same record.
 */
export function guestViewerKey(): string {
  try {
    const stored = window.localStorage.getItem(KEY);
    if (stored && /^[A-Za-z0-9_-]{16,64}$/.test(stored)) return stored;
    const fresh = crypto.randomUUID();
    window.localStorage.setItem(KEY, fresh);
    return fresh;
  } catch {
    return crypto.randomUUID(); // storage blocked: this visit only
  }
}
