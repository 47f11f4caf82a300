export { AppLayout } from "./app-layout";
export { AuthLayout } from "./auth-layout";
