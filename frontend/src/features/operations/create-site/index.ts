export { normaliseOrigin, validateSiteForm, type SiteFormValues } from "./model/validate";
export { CreateSiteForm, type CreateSiteFormProps } from "./ui/create-site-form";
