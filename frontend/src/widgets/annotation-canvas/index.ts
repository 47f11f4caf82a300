export {
  appendPoint,
  DEFAULT_STROKE,
  DRAW_TOOLS,
  freehandShape,
  shapeFromDrag,
  textShape,
  toAnnotation,
  toUnitPoint,
  type DrawTool,
} from "./model/draw";
export { useDrawing, type Drawing } from "./model/use-drawing";
// The canvas and the toolbar themselves load on demand, behind these two.
export { DrawingOverlay, DrawingToolbar, type DrawingOverlayProps, type ShownAnnotation } from "./ui/drawing-layers";
