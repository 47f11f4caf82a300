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
export { AnnotationCanvas, type AnnotationCanvasProps } from "./ui/annotation-canvas";
export { AnnotationToolbar, type AnnotationToolbarProps } from "./ui/annotation-toolbar";
