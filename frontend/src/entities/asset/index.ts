export {
  assetApi,
  useCreateAssetMutation,
  useGetAssetQuery,
  useListProjectAssetsQuery,
} from "./api/asset-api";
export {
  type Asset,
  type AssetInput,
  type ReviewStatus,
  type ReviewUser,
  type VersionStatus,
  type VersionSummary,
} from "./model/types";
