export { ProjectActivity } from "./ui/project-activity";
export { describeActivity, type ActivitySentence } from "./model/describe";
