export { RegisterPage as default } from "@/views/register";
