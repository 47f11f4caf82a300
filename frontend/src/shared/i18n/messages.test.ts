import { describe, expect, it } from "vitest";

import en from "./messages/en.json";
import ko from "./messages/ko.json";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    keysOf(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe("message catalogues", () => {
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
});
