import { describe, expect, it, vi } from "vitest";

import { PartError, UploadAborted } from "./errors";
import { MultipartUpload, type MultipartDeps, type UploadSession } from "./multipart";

const PART = 4;

function file(size: number): File {
  return new File([new Uint8Array(size).fill(7)], "cut.mp4", { type: "video/mp4" });
}

function deps(overrides: Partial<MultipartDeps<{ id: string }>> = {}) {
  const session: UploadSession = {
    id: "up1",
    part_size: PART,
    part_count: 3,
    parts: [1, 2, 3].map((number) => ({ number, url: `https://s3.test/p${number}`, size: PART })),
    uploaded_parts: [],
  };
  const calls: string[] = [];
  const base: MultipartDeps<{ id: string }> = {
    start: vi.fn(async () => session),
    status: vi.fn(async () => session),
    partUrls: vi.fn(async (_id: string, numbers: number[]) => numbers.map((number) => ({ number, url: `https://s3.test/fresh${number}`, size: PART }))),
    complete: vi.fn(async () => ({ id: "v1" })),
    abort: vi.fn(async () => undefined),
    put: vi.fn(async (url: string, body: Blob, onProgress: (loaded: number) => void) => {
      calls.push(url);
      onProgress(body.size);
      return { etag: `"etag-${url.slice(-1)}"` };
    }),
    sleep: async () => undefined,
    ...overrides,
  };
  return { deps: base, calls, session };
}

describe("MultipartUpload", () => {
  it("PUTs every slice to its URL and completes with the ETags in ascending order", async () => {
    const { deps: d, calls } = deps();
    const progress: number[] = [];
    const upload = new MultipartUpload(file(10), d, (sent) => progress.push(sent));
    await expect(upload.run()).resolves.toEqual({ id: "v1" });
    // The first bytes go with the start, so the server can refuse a non-video before any part.
    expect(d.start).toHaveBeenCalledWith({ name: "cut.mp4", size: 10, content_type: "video/mp4", head: btoa("\x07".repeat(10)) });
    expect(calls.sort()).toEqual(["https://s3.test/p1", "https://s3.test/p2", "https://s3.test/p3"]);
    // The last slice is the remainder (10 = 4 + 4 + 2).
    const sizes = vi.mocked(d.put).mock.calls.map(([, body]) => body.size).sort();
    expect(sizes).toEqual([2, 4, 4]);
    expect(d.complete).toHaveBeenCalledWith("up1", [
      { number: 1, etag: '"etag-1"' },
      { number: 2, etag: '"etag-2"' },
      { number: 3, etag: '"etag-3"' },
    ]);
    expect(progress.at(-1)).toBe(10);
  });

  it("retries a failed part and replaces a refused (expired) URL", async () => {
    let failures = 0;
    const { deps: d } = deps({
      put: vi.fn(async (url: string) => {
        if (url === "https://s3.test/p2" && failures++ === 0) throw new PartError(403);
        return { etag: `"e-${url}"` };
      }),
    });
    const upload = new MultipartUpload(file(10), d, undefined, { concurrency: 1 });
    await upload.run();
    expect(d.partUrls).toHaveBeenCalledWith("up1", [2, 3]);
    expect(vi.mocked(d.complete).mock.calls[0]?.[1]).toContainEqual({ number: 2, etag: '"e-https://s3.test/fresh2"' });
  });

  it("gives up after the last attempt so the user can retry, then resumes from what storage holds", async () => {
    let broken = true;
    const { deps: d, session } = deps({
      put: vi.fn(async (url: string) => {
        if (broken && url.endsWith("p3")) throw new PartError(500);
        return { etag: `"${url.slice(-2)}"` };
      }),
    });
    const upload = new MultipartUpload(file(10), d, undefined, { attempts: 2, concurrency: 1 });
    await expect(upload.run()).rejects.toBeInstanceOf(PartError);
    expect(d.complete).not.toHaveBeenCalled();

    broken = false;
    vi.mocked(d.status).mockResolvedValueOnce({
      ...session,
      parts: [{ number: 3, url: "https://s3.test/p3", size: 2 }],
      uploaded_parts: [
        { number: 1, size: 4, etag: '"p1"' },
        { number: 2, size: 4, etag: '"p2"' },
      ],
    });
    vi.mocked(d.put).mockClear();
    await upload.run();
    expect(d.put).toHaveBeenCalledTimes(1);
    expect(vi.mocked(d.complete).mock.calls[0]?.[1]).toEqual([
      { number: 1, etag: '"p1"' },
      { number: 2, etag: '"p2"' },
      { number: 3, etag: '"p3"' },
    ]);
  });

  it("cancel aborts the part in flight and the upload on the server", async () => {
    let started: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    const { deps: d } = deps({
      put: vi.fn(
        (_url: string, _body: Blob, _progress: (loaded: number) => void, signal: AbortSignal) =>
          new Promise<{ etag: string }>((_resolve, reject) => {
            started();
            signal.addEventListener("abort", () => reject(new UploadAborted()));
          }),
      ),
    });
    const upload = new MultipartUpload(file(10), d);
    const running = upload.run();
    await inFlight;
    await upload.cancel();
    await expect(running).rejects.toBeInstanceOf(UploadAborted);
    expect(d.abort).toHaveBeenCalledWith("up1");
    expect(d.complete).not.toHaveBeenCalled();
  });

  it("continues an upload kept from before a reload: parts storage holds are not sent again", async () => {
    const { deps: d, session } = deps();
    vi.mocked(d.status).mockResolvedValueOnce({
      ...session,
      id: "kept",
      state: "pending",
      size: 10,
      parts: [{ number: 3, url: "https://s3.test/p3", size: 2 }],
      uploaded_parts: [
        { number: 1, size: 4, etag: '"p1"' },
        { number: 2, size: 4, etag: '"p2"' },
      ],
    });
    const seen: string[] = [];
    const upload = new MultipartUpload(file(10), d, undefined, { resumeId: "kept", onSession: (s) => seen.push(s.id) });
    await upload.run();
    expect(d.start).not.toHaveBeenCalled();
    expect(d.status).toHaveBeenCalledWith("kept");
    expect(vi.mocked(d.put).mock.calls.map(([url]) => url)).toEqual(["https://s3.test/p3"]);
    expect(seen).toEqual(["kept"]);
    expect(vi.mocked(d.complete).mock.calls[0]?.[0]).toBe("kept");
  });

  it.each([
    ["finished meanwhile", async () => ({ state: "completed", size: 10 })],
    ["forgotten by the server", async () => Promise.reject({ status: 404, code: "not_found" })],
    ["gone from storage", async () => Promise.reject({ status: 409, code: "upload_gone" })],
    ["of another file", async () => ({ state: "pending", size: 99 })],
  ])("starts a new upload when the kept one is %s", async (_why, answer) => {
    const { deps: d, session } = deps();
    vi.mocked(d.status).mockImplementationOnce(async () => ({ ...session, ...(await answer()) }));
    await new MultipartUpload(file(10), d, undefined, { resumeId: "old" }).run();
    expect(d.start).toHaveBeenCalledTimes(1);
    expect(d.put).toHaveBeenCalledTimes(3);
  });

  it("does not hide a network failure of the resume check behind a new upload", async () => {
    const { deps: d } = deps();
    vi.mocked(d.status).mockRejectedValueOnce({ status: 0, code: "network_error" });
    await expect(new MultipartUpload(file(10), d, undefined, { resumeId: "old" }).run()).rejects.toMatchObject({ code: "network_error" });
    expect(d.start).not.toHaveBeenCalled();
  });

  it("asks for the URLs of later parts in batches ahead of need", async () => {
    const parts = 250;
    const { deps: d, session } = deps();
    vi.mocked(d.start).mockResolvedValueOnce({
      ...session,
      part_count: parts,
      parts: Array.from({ length: 100 }, (_, i) => ({ number: i + 1, url: `https://s3.test/p${i + 1}`, size: PART })),
    });
    await new MultipartUpload(file(parts * PART), d).run();
    const asked = vi.mocked(d.partUrls).mock.calls.map(([, numbers]) => numbers);
    expect(asked.map((numbers) => [numbers[0], numbers.length])).toEqual([
      [101, 100],
      [201, 50],
    ]);
    expect(d.put).toHaveBeenCalledTimes(parts);
    expect(vi.mocked(d.complete).mock.calls[0]?.[1]).toHaveLength(parts);
  });
});
