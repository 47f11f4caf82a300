import { beforeEach, describe, expect, it } from "vitest";

import { forgetUpload, recallUpload, rememberUpload, unfinishedUploads, uploadKey } from "./resume-store";

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const HOUR = 60 * 60 * 1000;
const cut = { name: "main cut.mov", size: 2_000_000_000, lastModified: 1_700_000_000_000 };

describe("resume store", () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
  });

  it("gives back the upload id for the same asset and the same file", () => {
    rememberUpload("asset-1", cut, "up-1", storage, 0);
    expect(recallUpload("asset-1", { ...cut }, storage, HOUR)).toBe("up-1");
  });

  it("tells files apart by name, size and last change, and assets apart", () => {
    rememberUpload("asset-1", cut, "up-1", storage, 0);
    expect(recallUpload("asset-2", cut, storage, 0)).toBeNull();
    expect(recallUpload("asset-1", { ...cut, name: "other.mov" }, storage, 0)).toBeNull();
    expect(recallUpload("asset-1", { ...cut, size: cut.size - 1 }, storage, 0)).toBeNull();
    expect(recallUpload("asset-1", { ...cut, lastModified: cut.lastModified + 1 }, storage, 0)).toBeNull();
  });

  it("forgets an upload once it finished or was cancelled", () => {
    rememberUpload("asset-1", cut, "up-1", storage, 0);
    forgetUpload("asset-1", cut, storage);
    expect(recallUpload("asset-1", cut, storage, 0)).toBeNull();
    expect(storage.length).toBe(0);
  });

  it("drops entries older than a day (the server has aborted those uploads) and unreadable ones", () => {
    rememberUpload("asset-1", cut, "up-1", storage, 0);
    storage.setItem(uploadKey("asset-1", { ...cut, name: "broken.mov" }), "{not json");
    expect(recallUpload("asset-1", cut, storage, 25 * HOUR)).toBeNull();
    expect(unfinishedUploads("asset-1", storage, 25 * HOUR)).toEqual([]);
    expect(storage.length).toBe(0);
  });

  it("lists the asset's unfinished uploads, newest first, and no other asset's", () => {
    rememberUpload("asset-1", cut, "up-1", storage, 1000);
    rememberUpload("asset-1", { ...cut, name: "teaser.mp4", size: 300_000_000 }, "up-2", storage, 2000);
    rememberUpload("asset-10", cut, "up-3", storage, 3000);
    const listed = unfinishedUploads("asset-1", storage, 4000);
    expect(listed.map((entry) => [entry.uploadId, entry.name, entry.size])).toEqual([
      ["up-2", "teaser.mp4", 300_000_000],
      ["up-1", "main cut.mov", 2_000_000_000],
    ]);
  });

  it("works without storage (server rendering, storage disabled): nothing to resume", () => {
    rememberUpload("asset-1", cut, "up-1", null);
    expect(recallUpload("asset-1", cut, null)).toBeNull();
    expect(unfinishedUploads("asset-1", null)).toEqual([]);
  });

  it("keeps working when storage refuses to write (quota, private mode)", () => {
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new DOMException("full", "QuotaExceededError");
    };
    expect(() => rememberUpload("asset-1", cut, "up-1", full, 0)).not.toThrow();
    expect(recallUpload("asset-1", cut, full, 0)).toBeNull();
  });
});
