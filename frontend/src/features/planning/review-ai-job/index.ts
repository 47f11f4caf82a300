export { jobActionRules, type JobActionReason, type JobActionRules, type ProjectRole } from "./model/rules";
export { JobActions, type JobActionsProps } from "./ui/job-actions";
