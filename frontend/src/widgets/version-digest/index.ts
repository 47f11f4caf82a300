export { VersionDigest, type VersionDigestProps } from "./ui/version-digest";
