export { ProfilePage as default } from "@/views/profile";
