export { LoadErrorPage, type LoadErrorPageProps } from "./ui/load-error-page";
