"use client";

import { useRef, useState, type PointerEvent } from "react";

import { AnnotationView, type Annotation, type Point, type Shape } from "@/entities/feedback";
import { useTranslations } from "@/shared/i18n";

import { appendPoint, freehandShape, shapeFromDrag, textShape, toAnnotation, toUnitPoint, type DrawTool } from "../model/draw";
import styles from "./annotation-canvas.module.css";

export interface AnnotationCanvasProps {
  tool: DrawTool;
  color: string;
  shapes: readonly Shape[];
  onShapesChange: (shapes: Shape[]) => void;
}

/**
 * Draw over the frame with the pointer (mouse, pen, touch). Everything is kept
 * in frame units (0..1), so the drawing fits any player size and matches the
 * backend's annotation schema.
 */
export function AnnotationCanvas({ tool, color, shapes, onShapesChange }: AnnotationCanvasProps) {
  const t = useTranslations("reviewDraw");
  const boxRef = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState<Point | null>(null);
  const [current, setCurrent] = useState<Point | null>(null);
  const [points, setPoints] = useState<Point[]>([]);
  const [textAt, setTextAt] = useState<Point | null>(null);
  const [text, setText] = useState("");

  const pointOf = (event: PointerEvent) => {
    const rect = boxRef.current?.getBoundingClientRect();
    return rect ? toUnitPoint(event.clientX, event.clientY, rect) : ([0, 0] as Point);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const point = pointOf(event);
    if (tool === "text") {
      commitText();
      setTextAt(point);
      setText("");
      return;
    }
    event.currentTarget.setPointerCapture?.(event.pointerId);
    setStart(point);
    setCurrent(point);
    setPoints(tool === "freehand" ? [point] : []);
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!start) return;
    const point = pointOf(event);
    setCurrent(point);
    if (tool === "freehand") setPoints((list) => appendPoint(list, point));
  };

  const finish = () => {
    if (!start || !current) return;
    const shape =
      tool === "freehand" ? freehandShape(points, color) : tool === "text" ? null : shapeFromDrag(tool, start, current, color);
    if (shape) onShapesChange([...shapes, shape]);
    setStart(null);
    setCurrent(null);
    setPoints([]);
  };

  function commitText() {
    if (!textAt) return;
    const shape = textShape(textAt, text, color);
    if (shape) onShapesChange([...shapes, shape]);
    setTextAt(null);
    setText("");
  }

  const preview: Shape | null =
    start && current
      ? tool === "freehand"
        ? freehandShape(points, color)
        : tool === "text"
          ? null
          : shapeFromDrag(tool, start, current, color)
      : null;
  const shown: Annotation | null = toAnnotation(preview ? [...shapes, preview] : shapes);

  return (
    <div
      ref={boxRef}
      className={styles.canvas}
      data-tool={tool}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={finish}
      onPointerCancel={finish}
      role="application"
      aria-label={t("canvas", { tool: t(`tools.${tool}`) })}
      data-testid="annotation-canvas"
    >
      <AnnotationView annotation={shown} />
      {textAt ? (
        <input
          className={styles.textInput}
          style={{ left: `${textAt[0] * 100}%`, top: `${textAt[1] * 100}%`, color }}
          value={text}
          autoFocus
          maxLength={500}
          aria-label={t("textLabel")}
          placeholder={t("textPlaceholder")}
          onPointerDown={(event) => event.stopPropagation()}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              commitText();
            } else if (event.key === "Escape") {
              event.stopPropagation();
              setTextAt(null);
            }
          }}
          onBlur={commitText}
        />
      ) : null}
    </div>
  );
}
