export { PlanDocument, type PlanDocumentProps } from "./ui/plan-document";
export { PlanRevisions, type PlanRevisionsProps } from "./ui/plan-revisions";
export { StoryboardGrid, type StoryboardGridProps } from "./ui/storyboard-grid";
