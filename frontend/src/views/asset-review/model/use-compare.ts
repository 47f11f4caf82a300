"use client";

import { useState } from "react";

import type { Version } from "@/entities/version";

/**
 * The version switcher's state: the version shown beside this one (compare mode),
 * which versions may be compared, and the newest ready one when it is newer.
 */
export function useCompare(versions: readonly Version[], version: Version | null) {
  const [compareId, setCompareId] = useState<string | null>(null);
  const newest = versions.find((item) => item.status === "ready");
  return {
    compareId,
    setCompareId,
    compareVersion: compareId ? (versions.find((item) => item.id === compareId) ?? null) : null,
    otherReady: versions.filter((item) => item.id !== version?.id && item.status === "ready"),
    newer: newest && version && newest.number > version.number ? newest : null,
  };
}

export type Compare = ReturnType<typeof useCompare>;
