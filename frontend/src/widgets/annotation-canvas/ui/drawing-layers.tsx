"use client";

import { lazy, Suspense } from "react";

import { AnnotationView, type Annotation } from "@/entities/feedback";

import { toAnnotation } from "../model/draw";
import type { Drawing } from "../model/use-drawing";
import styles from "./annotation-canvas.module.css";

// Drawing comes into play on demand: the canvas and the toolbar load then, not with the page.
const AnnotationCanvas = lazy(() => import("./annotation-canvas").then((m) => ({ default: m.AnnotationCanvas })));
const AnnotationToolbar = lazy(() => import("./annotation-toolbar").then((m) => ({ default: m.AnnotationToolbar })));

/** A comment's drawing shown over the frame; `label` names it for screen readers. */
export interface ShownAnnotation {
  id: string;
  annotation: Annotation | null;
  label?: string;
}

export interface DrawingOverlayProps {
  drawing: Drawing;
  /** The drawings of the comments at the playhead. */
  shown: readonly ShownAnnotation[];
}

/** What lies over the frame: the canvas while drawing, else my drawing so far and the comments' drawings. */
export function DrawingOverlay({ drawing, shown }: DrawingOverlayProps) {
  if (drawing.active) {
    return (
      <Suspense fallback={null}>
        <AnnotationCanvas tool={drawing.tool} color={drawing.color} shapes={drawing.shapes} onShapesChange={drawing.setShapes} />
      </Suspense>
    );
  }
  return (
    <>
      {drawing.shapes.length > 0 ? <AnnotationView annotation={toAnnotation(drawing.shapes)} /> : null}
      {shown.map((item) => (
        <AnnotationView key={item.id} annotation={item.annotation} label={item.label} />
      ))}
    </>
  );
}

/** The drawing tools floating over the top of the stage while drawing (nothing otherwise). */
export function DrawingToolbar({ drawing }: { drawing: Drawing }) {
  if (!drawing.active) return null;
  return (
    <div className={styles.toolbarSlot}>
      <Suspense fallback={null}>
        <AnnotationToolbar
          tool={drawing.tool}
          onToolChange={drawing.setTool}
          color={drawing.color}
          onColorChange={drawing.setColor}
          canUndo={drawing.shapes.length > 0}
          onUndo={drawing.undo}
          onClear={drawing.clear}
          onDone={drawing.finish}
        />
      </Suspense>
    </div>
  );
}
