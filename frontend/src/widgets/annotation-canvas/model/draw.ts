import { MAX_FREEHAND_POINTS, MAX_SHAPES, unit, type Annotation, type Point, type Shape } from "@/entities/feedback";

export type DrawTool = "freehand" | "arrow" | "rect" | "ellipse" | "text";

export const DRAW_TOOLS: readonly DrawTool[] = ["freehand", "arrow", "rect", "ellipse", "text"];
export const DEFAULT_STROKE = 3;
/** Drags shorter than this (in frame units) are clicks, not shapes. */
const MIN_SIZE = 0.005;
/** Freehand points closer than this are noise (a 1000 px frame: 2 px). */
const MIN_STEP = 0.002;

interface BoxLike {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A pointer position as a point on the frame, 0..1 from its top-left, clamped. */
export function toUnitPoint(clientX: number, clientY: number, box: BoxLike): Point {
  if (box.width <= 0 || box.height <= 0) return [0, 0];
  return [unit((clientX - box.left) / box.width), unit((clientY - box.top) / box.height)];
}

/** The shape a drag from `from` to `to` makes with a box tool; null for a mere click. */
export function shapeFromDrag(
  tool: Exclude<DrawTool, "freehand" | "text">,
  from: Point,
  to: Point,
  color: string,
  stroke = DEFAULT_STROKE,
): Shape | null {
  const dx = Math.abs(to[0] - from[0]);
  const dy = Math.abs(to[1] - from[1]);
  if (Math.max(dx, dy) < MIN_SIZE) return null;
  switch (tool) {
    case "arrow":
      return { type: "arrow", from: [unit(from[0]), unit(from[1])], to: [unit(to[0]), unit(to[1])], color, stroke };
    case "rect": {
      // Dragging up or left still gives a positive width and height; x + w stays ≤ 1.
      const x = unit(Math.min(from[0], to[0]));
      const y = unit(Math.min(from[1], to[1]));
      return { type: "rect", x, y, w: unit(Math.min(dx, 1 - x)), h: unit(Math.min(dy, 1 - y)), color, stroke };
    }
    case "ellipse":
      return {
        type: "ellipse",
        cx: unit((from[0] + to[0]) / 2),
        cy: unit((from[1] + to[1]) / 2),
        rx: unit(dx / 2),
        ry: unit(dy / 2),
        color,
        stroke,
      };
  }
}

/** Add a freehand point unless it is too close to the last one or the path is full. */
export function appendPoint(points: readonly Point[], point: Point): Point[] {
  const last = points[points.length - 1];
  if (points.length >= MAX_FREEHAND_POINTS) return [...points];
  if (last && Math.hypot(point[0] - last[0], point[1] - last[1]) < MIN_STEP) return [...points];
  return [...points, [unit(point[0]), unit(point[1])]];
}

/** A freehand stroke as a shape, or null when it has fewer than the two points the schema needs. */
export function freehandShape(points: readonly Point[], color: string, stroke = DEFAULT_STROKE): Shape | null {
  if (points.length < 2) return null;
  return { type: "freehand", points: points.map(([x, y]) => [x, y] as Point), color, stroke };
}

export function textShape(at: Point, text: string, color: string, size = 20): Shape | null {
  const trimmed = text.trim().slice(0, 500);
  if (!trimmed) return null;
  return { type: "text", x: unit(at[0]), y: unit(at[1]), text: trimmed, color, size };
}

/** Shapes → the JSON the API takes (`null` when nothing is drawn). */
export function toAnnotation(shapes: readonly Shape[]): Annotation | null {
  return shapes.length === 0 ? null : { shapes: shapes.slice(0, MAX_SHAPES) };
}
