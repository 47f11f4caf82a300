export { AuthLayout as default } from "@/app/layouts";
