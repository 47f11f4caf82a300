export { PlanPage } from "./ui/plan-page";
