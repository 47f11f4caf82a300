export { uploadApi } from "./api/upload-api";
export { PartError, UploadAborted } from "./model/errors";
export { MultipartUpload, xhrPut, type MultipartDeps, type UploadSession } from "./model/multipart";
export { SMALL_UPLOAD_MAX_BYTES, useVersionUpload, type UploadPhase, type UploadState } from "./model/use-version-upload";
export { UploadVersion, type UploadVersionProps } from "./ui/upload-version";
