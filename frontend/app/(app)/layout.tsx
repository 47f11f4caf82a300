export { AppLayout as default } from "@/app/layouts";
