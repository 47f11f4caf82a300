export {
  siteApi,
  useCreateSiteMutation,
  useDeleteSiteMutation,
  useListSitesQuery,
  useRotateSiteKeyMutation,
  useUpdateSiteMutation,
} from "./api/site-api";
export {
  DEFAULT_RETENTION_DAYS,
  MAX_ALLOWED_ORIGINS,
  MAX_RETENTION_DAYS,
  type Site,
  type SiteCreate,
  type SitePage,
  type SiteUpdate,
} from "./model/types";
export { SiteDetails } from "./ui/site-details";
