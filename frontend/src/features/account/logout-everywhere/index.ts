export { LogoutEverywhereButton } from "./ui/logout-everywhere-button";
