export { invitationsApi, useCreateInvitationMutation, useRevokeInvitationMutation } from "./api/invitations-api";
export { validateInvite, type InviteValues } from "./model/validate";
export { InviteForm } from "./ui/invite-form";
export { RevokeInvitationButton } from "./ui/revoke-invitation-button";
