import { useId } from "react";

import type { Annotation, Shape } from "../model/annotation";
import styles from "./annotation-view.module.css";

const pct = (value: number) => `${value * 100}%`;
const DEFAULT_STROKE = 3;

function ShapeView({ shape, markerId }: { shape: Shape; markerId: string }) {
  const stroke = shape.stroke ?? DEFAULT_STROKE;
  const common = { stroke: shape.color, strokeWidth: stroke, fill: "none", strokeLinecap: "round" as const };
  switch (shape.type) {
    case "rect":
      return <rect x={pct(shape.x)} y={pct(shape.y)} width={pct(shape.w)} height={pct(shape.h)} {...common} />;
    case "ellipse":
      return <ellipse cx={pct(shape.cx)} cy={pct(shape.cy)} rx={pct(shape.rx)} ry={pct(shape.ry)} {...common} />;
    case "arrow":
      return (
        <line
          x1={pct(shape.from[0])}
          y1={pct(shape.from[1])}
          x2={pct(shape.to[0])}
          y2={pct(shape.to[1])}
          markerEnd={`url(#${markerId}-${shape.color.slice(1)})`}
          {...common}
        />
      );
    case "text":
      return (
        <text
          x={pct(shape.x)}
          y={pct(shape.y)}
          fill={shape.color}
          fontSize={shape.size ?? 18}
          dominantBaseline="hanging"
          className={styles.text}
        >
          {shape.text}
        </text>
      );
    case "freehand":
      // Points are in the unit square; a nested 0..1 viewBox stretches them to the frame.
      return (
        <svg viewBox="0 0 1 1" preserveAspectRatio="none" width="100%" height="100%" overflow="visible">
          <polyline
            points={shape.points.map(([x, y]) => `${x},${y}`).join(" ")}
            {...common}
            strokeLinejoin="round"
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      );
    default:
      return null;
  }
}

export interface AnnotationViewProps {
  annotation: Annotation | null | undefined;
  className?: string;
  /** Accessible description (the drawing is decorative otherwise). */
  label?: string;
}

/** A drawing laid over the frame; the parent must be exactly the frame's box. */
export function AnnotationView({ annotation, className, label }: AnnotationViewProps) {
  const markerId = useId().replace(/:/g, "");
  if (!annotation || annotation.shapes.length === 0) return null;
  const arrowColors = [...new Set(annotation.shapes.filter((s) => s.type === "arrow").map((s) => s.color))];
  return (
    <svg
      className={[styles.layer, className].filter(Boolean).join(" ")}
      role={label ? "img" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      data-testid="annotation-view"
    >
      <defs>
        {arrowColors.map((color) => (
          <marker
            key={color}
            id={`${markerId}-${color.slice(1)}`}
            viewBox="0 0 10 10"
            refX="8"
            refY="5"
            markerWidth="5"
            markerHeight="5"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
          </marker>
        ))}
      </defs>
      {annotation.shapes.map((shape, index) => (
        <ShapeView key={index} shape={shape} markerId={markerId} />
      ))}
    </svg>
  );
}
