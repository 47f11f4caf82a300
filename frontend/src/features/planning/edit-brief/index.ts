export { BriefForm, type BriefFormProps } from "./ui/brief-form";
export { formatDuration, validateBrief, type BriefValues } from "./model/validate";
