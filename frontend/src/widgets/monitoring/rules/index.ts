export { RulesTab } from "./ui/rules-tab";
