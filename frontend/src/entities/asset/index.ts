export {
  assetApi,
  useCreateAssetMutation,
  useGetAssetQuery,
  useGetReviewProjectQuery,
  useListProjectAssetsQuery,
  useListReviewMembersQuery,
} from "./api/asset-api";
export { registerReviewProjectRealtime } from "./model/realtime";
export {
  roleCan,
  type Asset,
  type AssetInput,
  type ProjectRole,
  type ReviewAction,
  type ReviewMember,
  type ReviewProject,
  type ReviewStatus,
  type ReviewUser,
  type VersionStatus,
  type VersionSummary,
} from "./model/types";
