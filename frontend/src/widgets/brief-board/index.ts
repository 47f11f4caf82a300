export { BriefCard, type BriefCardProps } from "./ui/brief-card";
