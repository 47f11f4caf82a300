export { SilencesTab } from "./ui/silences-tab";
