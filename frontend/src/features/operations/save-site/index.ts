export { normaliseOrigin, validateSiteForm, type SiteFormValues } from "./model/validate";
export { SiteForm, type SiteFormProps } from "./ui/site-form";
