export {
  membersApi,
  useChangeMemberRoleMutation,
  useRemoveMemberMutation,
  useTransferOwnershipMutation,
} from "./api/members-api";
export {
  LeaveProjectButton,
  MemberActions,
  MemberRoleSelect,
  roleChangeReason,
  type MemberControlContext,
} from "./ui/member-controls";
