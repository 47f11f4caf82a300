export { PlanLinkControl, type PlanLinkControlProps } from "./ui/plan-link-control";
