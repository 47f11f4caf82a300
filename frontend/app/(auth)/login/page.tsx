export { LoginPage as default } from "@/views/login";
