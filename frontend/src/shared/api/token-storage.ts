/**
 * The JWT pair lives in localStorage so a reload keeps the session. Every
 * reader goes through here; nothing else touches the key.
 */
export interface AuthTokens {
  access: string;
  refresh: string;
}

export const TOKENS_STORAGE_KEY = "vp.auth.tokens";

type Listener = (tokens: AuthTokens | null) => void;
const listeners = new Set<Listener>();

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function parseTokens(raw: string | null): AuthTokens | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (
      typeof value === "object" &&
      value !== null &&
      typeof (value as AuthTokens).access === "string" &&
      typeof (value as AuthTokens).refresh === "string"
    ) {
      return { access: (value as AuthTokens).access, refresh: (value as AuthTokens).refresh };
    }
  } catch {
    // A corrupted value is as good as no session.
  }
  return null;
}

export function getTokens(): AuthTokens | null {
  return parseTokens(storage()?.getItem(TOKENS_STORAGE_KEY) ?? null);
}

export function setTokens(tokens: AuthTokens): void {
  storage()?.setItem(TOKENS_STORAGE_KEY, JSON.stringify(tokens));
  listeners.forEach((listener) => listener(tokens));
}

export function clearTokens(): void {
  storage()?.removeItem(TOKENS_STORAGE_KEY);
  listeners.forEach((listener) => listener(null));
}

/** Changes made in this tab (other tabs are seen through the `storage` event). */
export function subscribeTokens(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
