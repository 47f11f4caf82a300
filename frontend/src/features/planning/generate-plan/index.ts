export { generateApi, useGeneratePlanMutation, useRegeneratePlanSectionMutation } from "./api/generate-api";
export { outcomeOfError, outcomeOfJob, type GenerateOutcome } from "./model/outcome";
export { GeneratePlanButton, type GeneratePlanButtonProps } from "./ui/generate-plan-button";
export { RegenerateSectionButton, type RegenerateSectionButtonProps } from "./ui/regenerate-section-button";
