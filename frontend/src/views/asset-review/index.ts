export { AssetReviewPage } from "./ui/asset-review-page";
export { VersionRedirectPage } from "./ui/version-redirect-page";
