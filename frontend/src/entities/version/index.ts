export { useGetVersionQuery, useListVersionsQuery, versionApi } from "./api/version-api";
export { upsertVersion } from "./model/cache";
export { registerVersionRealtime } from "./model/realtime";
export {
  absoluteMediaUrl,
  isVersion,
  versionFps,
  withAbsoluteUrls,
  type Decision,
  type ReviewDecision,
  type ReviewStatus,
  type RoomViewer,
  type Version,
  type VersionStatus,
  type VersionUser,
} from "./model/types";
export { useVersionRoom, versionSocketPath, type VersionRoom } from "./model/use-version-room";
export { ReviewStatusBadge, VersionStatusBadge } from "./ui/status-badges";
