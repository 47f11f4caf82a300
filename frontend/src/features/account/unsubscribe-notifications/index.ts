export { unsubscribeApi, useGetUnsubscribeLinkQuery, useUnsubscribeMutation, type UnsubscribeLink } from "./api/unsubscribe-api";
export { UnsubscribeConfirm } from "./ui/unsubscribe-confirm";
