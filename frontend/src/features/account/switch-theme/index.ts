export { ThemeToggle } from "./ui/theme-toggle";
