"use client";

import { useEffect, useState } from "react";

/**
 * An element's border-box size, followed as it resizes (0 × 0 until measured). Give `ref` to
 * the element: a callback ref, so an element that appears later (after loading) is measured too.
 */
export function useBoxSize<T extends HTMLElement>() {
  const [node, ref] = useState<T | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    if (!node || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.borderBoxSize?.[0];
      setSize(box ? { width: box.inlineSize, height: box.blockSize } : { width: node.offsetWidth, height: node.offsetHeight });
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [node]);
  return [ref, { node, ...size }] as const;
}
