/**
 * The "known device" tokens the login answer hands out, one per account this browser
 * signed in to (a few at most). Sent back on the next login to the same account, they
 * let its owner in even while someone elsewhere is guessing that account's password.
 */
const STORAGE_KEY = "vp.auth.devices";
const MAX_ACCOUNTS = 5;

type DeviceTokens = Record<string, string>;

function read(): DeviceTokens {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return {};
  }
}

function keyOf(email: string): string {
  return email.trim().toLowerCase();
}

export function deviceTokenFor(email: string): string | undefined {
  if (typeof window === "undefined") return undefined;
  return read()[keyOf(email)];
}

export function rememberDeviceToken(email: string, token: string | undefined): void {
  if (typeof window === "undefined" || !token) return;
  const tokens = read();
  delete tokens[keyOf(email)];
  // Most recent last; drop the oldest beyond the cap.
  const entries = [...Object.entries(tokens), [keyOf(email), token] as [string, string]].slice(-MAX_ACCOUNTS);
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // Storage full or disabled: the login still works, only without the device bonus.
  }
}
