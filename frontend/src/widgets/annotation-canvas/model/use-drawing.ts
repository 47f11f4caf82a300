"use client";

import { useState } from "react";

import type { Shape } from "@/entities/feedback";
import type { DrawTool } from "./draw";

/** The drawing being made for the next comment: on/off, tool, colour and shapes. */
export function useDrawing() {
  const [active, setActive] = useState(false);
  const [tool, setTool] = useState<DrawTool>("rect");
  const [color, setColor] = useState("#ff4d4f");
  const [shapes, setShapes] = useState<Shape[]>([]);
  return {
    active,
    tool,
    color,
    shapes,
    setTool,
    setColor,
    setShapes,
    toggle: () => setActive((value) => !value),
    finish: () => setActive(false),
    undo: () => setShapes((list) => list.slice(0, -1)),
    clear: () => setShapes([]),
    /** Drop the drawing altogether (a comment was sent without it, the version changed). */
    discard: () => {
      setShapes([]);
      setActive(false);
    },
  };
}

export type Drawing = ReturnType<typeof useDrawing>;
