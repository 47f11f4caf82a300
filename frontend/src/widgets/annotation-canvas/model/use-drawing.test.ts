import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { useDrawing } from "./use-drawing";

describe("useDrawing", () => {
  it("draws, undoes and discards", () => {
    const { result } = renderHook(() => useDrawing());
    act(() => result.current.toggle());
    act(() => result.current.setShapes([{ kind: "rect" } as never, { kind: "arrow" } as never]));
    act(() => result.current.undo());
    expect(result.current.active).toBe(true);
    expect(result.current.shapes).toHaveLength(1);
    act(() => result.current.discard());
    expect(result.current.active).toBe(false);
    expect(result.current.shapes).toEqual([]);
  });
});
