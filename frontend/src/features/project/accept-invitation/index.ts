export { acceptInvitationApi, useAcceptInvitationMutation } from "./api/accept-api";
export { AcceptInvitationButton } from "./ui/accept-invitation-button";
