export { LocaleSwitcher } from "./ui/locale-switcher";
