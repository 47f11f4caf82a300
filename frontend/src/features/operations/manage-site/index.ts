export { SiteActions, type SiteActionsProps } from "./ui/site-actions";
