export { InvitationPage as default } from "@/views/invitation";
