export { TasksTab } from "./ui/tasks-tab";
