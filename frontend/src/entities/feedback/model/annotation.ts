/*
 * The drawing on a frame, exactly as apps/feedbacks/annotations.py validates
 * it: 1–200 shapes, coordinates normalised 0..1 from the frame's top-left,
 * colour `#rrggbb`, optional stroke width 1–32 (CSS px at display size).
 */
export type Point = [number, number];

interface ShapeBase {
  color: string;
  stroke?: number;
}

export interface FreehandShape extends ShapeBase {
  type: "freehand";
  points: Point[];
}
export interface ArrowShape extends ShapeBase {
  type: "arrow";
  from: Point;
  to: Point;
}
export interface RectShape extends ShapeBase {
  type: "rect";
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface EllipseShape extends ShapeBase {
  type: "ellipse";
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}
export interface TextShape extends ShapeBase {
  type: "text";
  x: number;
  y: number;
  text: string;
  size?: number;
}

export type Shape = FreehandShape | ArrowShape | RectShape | EllipseShape | TextShape;
export type ShapeType = Shape["type"];

export interface Annotation {
  shapes: Shape[];
}

export const SHAPE_TYPES: readonly ShapeType[] = ["freehand", "arrow", "rect", "ellipse", "text"];
export const MAX_SHAPES = 200;
export const MAX_FREEHAND_POINTS = 5000;
/** The palette offered in the toolbar (any #rrggbb is valid). */
export const ANNOTATION_COLORS = ["#ff4d4f", "#ffc53d", "#52c41a", "#40a9ff", "#ffffff"] as const;

/** Round to 4 decimals (0.1 px on a 1000 px frame) and keep inside 0..1. */
export function unit(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.round(Math.min(1, Math.max(0, value)) * 10_000) / 10_000;
}

export function isAnnotation(value: unknown): value is Annotation {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as Annotation).shapes) &&
    (value as Annotation).shapes.every(
      (shape) => typeof shape === "object" && shape !== null && SHAPE_TYPES.includes((shape as Shape).type),
    )
  );
}
