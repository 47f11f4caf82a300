import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { Version } from "@/entities/version";

import { useCompare } from "./use-compare";
import { pickVersion } from "./use-review-room";

function version(id: string, number: number, status: Version["status"] = "ready"): Version {
  return { id, number, status } as Version;
}

describe("review room state", () => {
  const versions = [version("v3", 3, "processing"), version("v2", 2), version("v1", 1)];

  it("picks the wanted version, else the newest ready one", () => {
    expect(pickVersion(versions, "v1")?.id).toBe("v1");
    expect(pickVersion(versions, "gone")).toBeNull();
    expect(pickVersion(versions, null)?.id).toBe("v2");
    expect(pickVersion([version("v9", 9, "failed")], null)?.id).toBe("v9");
  });

  it("offers the other ready versions to compare, and a newer ready one", () => {
    const { result } = renderHook(() => useCompare(versions, versions[2]!));
    expect(result.current.otherReady.map((item) => item.id)).toEqual(["v2"]);
    expect(result.current.newer?.id).toBe("v2");
    act(() => result.current.setCompareId("v2"));
    expect(result.current.compareVersion?.id).toBe("v2");
  });
});
