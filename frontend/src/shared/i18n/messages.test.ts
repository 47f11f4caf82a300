import { describe, expect, it } from "vitest";

import { messagesByLocale } from "./catalogues";

// The catalogues as written (the app's are precompiled).
const areas = {
  ko: import.meta.glob("./messages/ko/*.json", { eager: true, import: "default" }),
  en: import.meta.glob("./messages/en/*.json", { eager: true, import: "default" }),
};
const ko: object = Object.assign({}, ...Object.values(areas.ko));
const en: object = Object.assign({}, ...Object.values(areas.en));

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    keysOf(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe("message catalogues", () => {
  it("no two area files define the same top-level namespace", () => {
    const seen = new Map<string, string>();
    for (const [file, catalogue] of Object.entries(areas.ko)) {
      for (const ns of Object.keys(catalogue as object)) {
        expect(seen.get(ns), `${ns} in ${file}`).toBeUndefined();
        seen.set(ns, file);
      }
    }
  });

  it("Korean and English define exactly the same keys", () => {
    expect(keysOf(en).sort()).toEqual(keysOf(ko).sort());
  });

  it("no message is empty", () => {
    for (const catalogue of [ko, en]) {
      const empty = keysOf(catalogue).filter((key) => {
        const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
        return typeof value !== "string" || value.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });

  it("the app's catalogues hold every message, precompiled", () => {
    expect(Object.keys(messagesByLocale.ko).sort()).toEqual(Object.keys(ko).sort());
    // A plural compiles to icu-minify's array form; plain text stays a string.
    expect(Array.isArray(messagesByLocale.en.review.watching as unknown)).toBe(true);
    expect(messagesByLocale.en.common.close).toBe("Close");
  });
});
