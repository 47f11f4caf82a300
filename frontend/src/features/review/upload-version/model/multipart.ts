/*
 * A presigned multipart upload (DESIGN §3, apps/feedbacks/README "Uploads"):
 * start (with the file's first bytes, so the server refuses a non-video before
 * any part is sent) → PUT each slice straight to its URL (reading the ETag) →
 * complete. Parts go four at a time, each retried with backoff; URLs come in
 * batches fetched ahead of need, a refused (expired) one is replaced; pause
 * aborts what is in flight and resume asks the server which parts it already
 * holds — also for an upload id kept from before a reload (`resumeId`).
 * Cancel aborts the upload server-side.
 */

import { isPermanent, PartError, UploadAborted } from "./errors";
import { readHead, toBase64 } from "./sniff";

export interface PartUrl {
  number: number;
  url: string;
  size: number;
}

export interface UploadSession {
  id: string;
  /** pending until completed or aborted (a resumed id may have ended meanwhile). */
  state?: string;
  size?: number;
  part_size: number;
  part_count: number;
  parts: PartUrl[];
  uploaded_parts: Array<{ number: number; size: number; etag: string }>;
}

export interface PutResult {
  etag: string;
}

export interface MultipartDeps<TVersion> {
  start: (body: { name: string; size: number; content_type: string; head: string }) => Promise<UploadSession>;
  status: (uploadId: string) => Promise<UploadSession>;
  partUrls: (uploadId: string, numbers: number[]) => Promise<PartUrl[]>;
  complete: (uploadId: string, parts: Array<{ number: number; etag: string }>) => Promise<TVersion>;
  abort: (uploadId: string) => Promise<void>;
  /** PUT a slice; resolves with the response's ETag; rejects with PartError. */
  put: (url: string, body: Blob, onProgress: (loaded: number) => void, signal: AbortSignal) => Promise<PutResult>;
  sleep?: (ms: number) => Promise<void>;
}

export interface MultipartOptions {
  /** Parts in flight at once (browsers keep up to six connections per host). */
  concurrency?: number;
  /** An upload id kept from an earlier run of this file (after a reload): continue it if it is still open. */
  resumeId?: string | null;
  /** Called once the upload exists on the server (to keep its id for a reload). */
  onSession?: (session: UploadSession) => void;
  /** Attempts per part before the whole upload reports an error (resumable). */
  attempts?: number;
  baseDelayMs?: number;
}

export type ProgressListener = (sent: number, total: number) => void;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Part URLs asked for in one call (the server's MAX_URLS_PER_CALL). */
const URL_BATCH = 100;

export class MultipartUpload<TVersion> {
  uploadId: string | null = null;
  private session: UploadSession | null = null;
  private readonly etags = new Map<number, string>();
  private readonly urls = new Map<number, string>();
  private readonly inFlight = new Map<number, number>();
  private urlBatch: Promise<void> | null = null;
  private controller = new AbortController();
  private paused = false;
  private readonly concurrency: number;
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly resumeId: string | null;
  private readonly onSession: (session: UploadSession) => void;

  constructor(
    private readonly file: File,
    private readonly deps: MultipartDeps<TVersion>,
    private readonly onProgress: ProgressListener = () => undefined,
    options: MultipartOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.attempts = options.attempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.resumeId = options.resumeId ?? null;
    this.onSession = options.onSession ?? (() => undefined);
  }

  /** Bytes confirmed by storage plus bytes of parts in flight. */
  get sent(): number {
    let total = 0;
    for (const number of this.etags.keys()) total += this.partSize(number);
    for (const loaded of this.inFlight.values()) total += loaded;
    return total;
  }

  private partSize(number: number): number {
    const size = this.session?.part_size ?? 0;
    return Math.max(0, Math.min(size, this.file.size - (number - 1) * size));
  }

  private report(): void {
    this.onProgress(Math.min(this.sent, this.file.size), this.file.size);
  }

  /** Start (first call) or continue (after pause or an error) until the version exists. */
  async run(): Promise<TVersion> {
    this.paused = false;
    this.controller = new AbortController();
    if (!this.session) {
      this.session = await this.open();
      this.uploadId = this.session.id;
      this.onSession(this.session);
    } else if (this.uploadId) {
      // Ask storage what it holds: parts may have landed while we were away.
      this.session = await this.deps.status(this.uploadId);
    }
    for (const part of this.session.uploaded_parts) this.etags.set(part.number, part.etag);
    for (const part of this.session.parts) this.urls.set(part.number, part.url);
    this.report();

    const missing: number[] = [];
    for (let number = 1; number <= this.session.part_count; number += 1) {
      if (!this.etags.has(number)) missing.push(number);
    }
    const queue = [...missing];
    const worker = async () => {
      while (queue.length > 0) {
        this.throwIfStopped();
        const number = queue.shift();
        if (number === undefined) return;
        await this.sendPart(number);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    this.throwIfStopped();

    const parts = [...this.etags].map(([number, etag]) => ({ number, etag })).sort((a, b) => a.number - b.number);
    return this.deps.complete(this.session.id, parts);
  }

  /** The kept upload when it is still open for this very file, else a new one. */
  private async open(): Promise<UploadSession> {
    if (this.resumeId) {
      const kept = await this.deps.status(this.resumeId).catch((error: unknown) => {
        if (isPermanent(error) || (error as { status?: unknown }).status === 409) return null; // gone: start anew
        throw error;
      });
      if (kept && kept.state === "pending" && kept.size === this.file.size) return kept;
    }
    return this.deps.start({
      name: this.file.name,
      size: this.file.size,
      content_type: this.file.type || "application/octet-stream",
      head: toBase64(await readHead(this.file)),
    });
  }

  private throwIfStopped(): void {
    if (this.paused || this.controller.signal.aborted) throw new UploadAborted();
  }

  private async urlFor(number: number): Promise<string> {
    // Another worker's batch may not cover this part: then ask again, with it first.
    for (let tries = 0; !this.urls.has(number) && tries < 2; tries += 1) await this.fetchUrls(number);
    if (this.urlsAhead(number) < this.concurrency * 2) void this.fetchUrls(number + 1).catch(() => undefined);
    const url = this.urls.get(number);
    if (!url) throw new PartError(0, `no URL for part ${number}`);
    return url;
  }

  private dropUnsentUrls(): void {
    for (const number of [...this.urls.keys()]) if (!this.etags.has(number) && !this.inFlight.has(number)) this.urls.delete(number);
  }

  /** Parts after `number` that still need sending and already have a URL. */
  private urlsAhead(number: number): number {
    let count = 0;
    for (const known of this.urls.keys()) if (known > number && !this.etags.has(known)) count += 1;
    return count;
  }

  /** One batch of URLs for the unsent parts from `from` on that have none, shared by every worker waiting for it. */
  private fetchUrls(from: number): Promise<void> {
    if (this.urlBatch) return this.urlBatch;
    const session = this.session;
    if (!session) return Promise.reject(new UploadAborted());
    const batch: number[] = [];
    for (let n = from; n <= session.part_count && batch.length < URL_BATCH; n += 1) {
      if (!this.etags.has(n) && !this.urls.has(n)) batch.push(n);
    }
    if (batch.length === 0) return Promise.resolve();
    this.urlBatch = this.deps
      .partUrls(session.id, batch)
      .then((parts) => {
        for (const part of parts) this.urls.set(part.number, part.url);
      })
      .finally(() => {
        this.urlBatch = null;
      });
    return this.urlBatch;
  }

  private async sendPart(number: number): Promise<void> {
    const size = this.session?.part_size ?? 0;
    const blob = this.file.slice((number - 1) * size, number * size);
    const sleep = this.deps.sleep ?? defaultSleep;
    let lastError: unknown = null;
    for (let attempt = 0; attempt < this.attempts; attempt += 1) {
      this.throwIfStopped();
      try {
        const url = await this.urlFor(number);
        const { etag } = await this.deps.put(
          url,
          blob,
          (loaded) => {
            this.inFlight.set(number, loaded);
            this.report();
          },
          this.controller.signal,
        );
        this.inFlight.delete(number);
        this.etags.set(number, etag);
        this.report();
        return;
      } catch (error) {
        this.inFlight.delete(number);
        this.report();
        if (error instanceof UploadAborted || this.controller.signal.aborted) throw new UploadAborted();
        lastError = error;
        // A refused signature usually means the URL expired, and the others of its batch with it.
        if (error instanceof PartError && (error.status === 403 || error.status === 400)) this.dropUnsentUrls();
        await sleep(this.baseDelayMs * 2 ** attempt + Math.random() * this.baseDelayMs);
      }
    }
    throw lastError instanceof Error ? lastError : new PartError(0);
  }

  /** Stop sending; `run()` again continues where storage stands. */
  pause(): void {
    this.paused = true;
    this.controller.abort();
  }

  /** Stop for good and tell the server to drop the parts. */
  async cancel(): Promise<void> {
    this.pause();
    if (this.uploadId) await this.deps.abort(this.uploadId);
  }
}

/** PUT with XMLHttpRequest: fetch cannot report upload progress. */
export function xhrPut(url: string, body: Blob, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<PutResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      const etag = xhr.getResponseHeader("ETag");
      if (xhr.status >= 200 && xhr.status < 300 && etag) resolve({ etag });
      else reject(new PartError(xhr.status, etag ? undefined : "no ETag header (bucket CORS must expose it)"));
    };
    xhr.onerror = () => reject(new PartError(0, "network error"));
    xhr.onabort = () => reject(new UploadAborted());
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
