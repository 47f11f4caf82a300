export {
  shareLinkApi,
  useCreateShareLinkMutation,
  useListShareLinksQuery,
  useRevokeShareLinkMutation,
  type ShareLink,
  type ShareLinkInput,
} from "./api/share-link-api";
export { ShareLinkDialog, type ShareLinkDialogProps } from "./ui/share-link-dialog";
export {
  guestApi,
  useAddGuestCommentMutation,
  useGetSharePageQuery,
  type GuestCommentInput,
  type GuestFeedback,
  type SharePage,
  type SharePageResponse,
} from "./api/guest-api";
export { SHARE_SOCKET_PATH, useShareRealtime } from "./model/use-share-realtime";
