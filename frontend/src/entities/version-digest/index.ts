export { digestApi, useGetVersionDigestQuery, useRequestVersionDigestMutation } from "./api/digest-api";
export { registerDigestRealtime } from "./model/realtime";
export {
  DIGEST_CATEGORIES,
  isDigestOpen,
  type DigestCategory,
  type DigestGroup,
  type DigestJob,
  type DigestPoint,
  type DigestProgress,
  type DigestResult,
  type DigestStatus,
  type VersionDigest,
} from "./model/types";
