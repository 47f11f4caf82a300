import { describe, expect, it } from "vitest";

import { appendPoint, freehandShape, shapeFromDrag, textShape, toAnnotation, toUnitPoint } from "./draw";

const box = { left: 100, top: 50, width: 800, height: 450 };

describe("drawing on the frame → normalised annotation JSON", () => {
  it("maps pointer positions to 0..1 from the frame's top-left and clamps outside points", () => {
    expect(toUnitPoint(100, 50, box)).toEqual([0, 0]);
    expect(toUnitPoint(500, 275, box)).toEqual([0.5, 0.5]);
    expect(toUnitPoint(900, 500, box)).toEqual([1, 1]);
    expect(toUnitPoint(1200, -10, box)).toEqual([1, 0]);
    expect(toUnitPoint(300, 140, { ...box, width: 0 })).toEqual([0, 0]);
  });

  it("makes a rectangle from a drag in any direction, never reaching outside the frame", () => {
    const forward = shapeFromDrag("rect", [0.1, 0.2], [0.4, 0.6], "#ff4d4f");
    const backward = shapeFromDrag("rect", [0.4, 0.6], [0.1, 0.2], "#ff4d4f");
    expect(forward).toEqual({ type: "rect", x: 0.1, y: 0.2, w: 0.3, h: 0.4, color: "#ff4d4f", stroke: 3 });
    expect(backward).toEqual(forward);
    const edge = shapeFromDrag("rect", [0.9, 0.9], [1, 1], "#ffffff");
    expect(edge && edge.type === "rect" && edge.x + edge.w).toBeLessThanOrEqual(1);
  });

  it("makes ellipses (centre and radii) and arrows (from → to)", () => {
    expect(shapeFromDrag("ellipse", [0.2, 0.2], [0.6, 0.4], "#52c41a")).toEqual({
      type: "ellipse",
      cx: 0.4,
      cy: 0.3,
      rx: 0.2,
      ry: 0.1,
      color: "#52c41a",
      stroke: 3,
    });
    expect(shapeFromDrag("arrow", [0.7, 0.1], [0.3, 0.5], "#40a9ff", 5)).toEqual({
      type: "arrow",
      from: [0.7, 0.1],
      to: [0.3, 0.5],
      color: "#40a9ff",
      stroke: 5,
    });
  });

  it("ignores a click that is not a drag", () => {
    expect(shapeFromDrag("rect", [0.5, 0.5], [0.501, 0.502], "#ff4d4f")).toBeNull();
  });

  it("collects freehand points, dropping jitter, and needs two of them", () => {
    let points = appendPoint([], [0.1, 0.1]);
    points = appendPoint(points, [0.1005, 0.1]);
    points = appendPoint(points, [0.2, 0.25]);
    expect(points).toEqual([
      [0.1, 0.1],
      [0.2, 0.25],
    ]);
    expect(freehandShape([[0.1, 0.1]], "#fff")).toBeNull();
    expect(freehandShape(points, "#ffc53d")).toEqual({ type: "freehand", points, color: "#ffc53d", stroke: 3 });
  });

  it("rounds to 4 decimals so the JSON stays small", () => {
    const [x, y] = toUnitPoint(333, 211, box);
    expect(x).toBe(0.2913);
    expect(y).toBe(0.3578);
  });

  it("builds the API's annotation object and trims text", () => {
    expect(textShape([0.5, 0.5], "  로고가 잘려요  ", "#ffffff")).toEqual({
      type: "text",
      x: 0.5,
      y: 0.5,
      text: "로고가 잘려요",
      color: "#ffffff",
      size: 20,
    });
    expect(textShape([0.5, 0.5], "   ", "#ffffff")).toBeNull();
    expect(toAnnotation([])).toBeNull();
    const rect = shapeFromDrag("rect", [0.1, 0.1], [0.3, 0.3], "#ff4d4f");
    expect(JSON.parse(JSON.stringify(toAnnotation(rect ? [rect] : [])))).toEqual({
      shapes: [{ type: "rect", x: 0.1, y: 0.1, w: 0.2, h: 0.2, color: "#ff4d4f", stroke: 3 }],
    });
  });
});
