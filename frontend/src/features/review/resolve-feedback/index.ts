export { resolveFeedbackApi, useResolveFeedbackMutation, type ResolveArgs } from "./api/resolve-api";
export { ResolveButton, type ResolveButtonProps } from "./ui/resolve-button";
