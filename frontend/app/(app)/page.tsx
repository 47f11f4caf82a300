export { DashboardPage as default } from "@/views/dashboard";
