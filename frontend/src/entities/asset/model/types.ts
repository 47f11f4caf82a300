import type { Page, Schemas } from "@/shared/api";

/** A person as the API shows them (`UserBriefOut`). */
export type ReviewUser = Schemas["UserBriefOut"];

export type VersionStatus = Schemas["VersionStatusEnum"];
export type ReviewStatus = Schemas["VersionReviewStatusEnum"];

/** `latest_version` of an asset. */
export type VersionSummary = Schemas["VersionSummaryOut"];

/** `GET assets/{id}/` */
export type Asset = Schemas["AssetOut"];

export type AssetInput = Schemas["AssetInRequest"];

export type PagedList<T> = Page<T>;
