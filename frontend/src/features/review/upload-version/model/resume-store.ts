/**
 * Where a large upload can be picked up again: its upload id, kept in localStorage under the
 * asset and the file's identity (name, size, last change), so choosing the same file after a
 * reload or a crash continues from the parts storage already holds. The server forgets
 * unfinished uploads after UPLOAD_STALE_HOURS (24 h by default); older entries are dropped here.
 */

const PREFIX = "vp.upload.v1:";
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

/** For `useSyncExternalStore`: changes made here and in other tabs. */
export function subscribeUploads(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

export interface FileIdentity {
  name: string;
  size: number;
  lastModified: number;
}

export interface StoredUpload extends FileIdentity {
  uploadId: string;
  assetId: string;
  savedAt: number;
}

/** localStorage, or nothing (server rendering, storage disabled): resuming is then not offered. */
function defaultStorage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function uploadKey(assetId: string, file: FileIdentity): string {
  return `${PREFIX}${assetId}:${file.size}:${file.lastModified}:${file.name}`;
}

function read(storage: Storage, key: string, now: number): StoredUpload | null {
  try {
    const entry = JSON.parse(storage.getItem(key) ?? "null") as StoredUpload | null;
    if (entry && typeof entry.uploadId === "string" && now - entry.savedAt < MAX_AGE_MS) return entry;
  } catch {
    // unreadable: dropped below
  }
  storage.removeItem(key);
  return null;
}

export function rememberUpload(assetId: string, file: FileIdentity, uploadId: string, storage = defaultStorage(), now = Date.now()): void {
  const entry: StoredUpload = { uploadId, assetId, name: file.name, size: file.size, lastModified: file.lastModified, savedAt: now };
  try {
    storage?.setItem(uploadKey(assetId, file), JSON.stringify(entry));
    changed();
  } catch {
    // quota or private mode: the upload still works, it just cannot be resumed after a reload
  }
}

export function recallUpload(assetId: string, file: FileIdentity, storage = defaultStorage(), now = Date.now()): string | null {
  return storage ? (read(storage, uploadKey(assetId, file), now)?.uploadId ?? null) : null;
}

export function forgetUpload(assetId: string, file: FileIdentity, storage = defaultStorage()): void {
  storage?.removeItem(uploadKey(assetId, file));
  changed();
}

/** The asset's uploads that stopped before they finished, newest first. */
export function unfinishedUploads(assetId: string, storage = defaultStorage(), now = Date.now()): StoredUpload[] {
  if (!storage) return [];
  const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter(
    (key): key is string => key !== null && key.startsWith(`${PREFIX}${assetId}:`),
  );
  return keys
    .map((key) => read(storage, key, now))
    .filter((entry): entry is StoredUpload => entry !== null)
    .sort((a, b) => b.savedAt - a.savedAt);
}

/** {@link unfinishedUploads} as a string that stays equal while nothing changed (a store snapshot). */
export function unfinishedSnapshot(assetId: string): string {
  return JSON.stringify(unfinishedUploads(assetId));
}
