export { jobActionRules, type JobActionReason, type JobActionRules } from "./model/rules";
export { JobActions, type JobActionsProps } from "./ui/job-actions";
