export { decisionApi, useDecideMutation, type DecideArgs } from "./api/decision-api";
export { DecisionPanel, type DecisionPanelProps } from "./ui/decision-panel";
