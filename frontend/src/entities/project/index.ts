export {
  activityCursor,
  projectApi,
  useGetInvitationPreviewQuery,
  useGetProjectQuery,
  useListActivityInfiniteQuery,
  useListInvitationsQuery,
  useListMembersQuery,
  useListPhasesQuery,
  useListProjectsQuery,
  useProjectPresenceQuery,
} from "./api/project-api";
export {
  mergeProject,
  prependActivity,
  updateCachedMembers,
  updateCachedPhases,
  updateCachedProject,
  upsertInvitation,
  upsertMember,
  upsertPhase,
  type CachePatch,
} from "./model/cache";
export {
  assignableRoles,
  canAssign,
  leaveReason,
  manageReason,
  memberChangeReason,
  roleAllows,
  type DenyReason,
  type ProjectAction,
} from "./model/policy";
export {
  applyProjectEvent,
  applyProjectNotification,
  projectIdOfStream,
  registerProjectRealtime,
} from "./model/realtime";
export {
  PROJECT_STATUSES,
  ROLES,
  type Activity,
  type Invitation,
  type InvitationPreview,
  type InvitationState,
  type Member,
  type PagedList,
  type Phase,
  type PhaseInput,
  type PresenceUser,
  type Project,
  type ProjectFilter,
  type ProjectInput,
  type ProjectStatus,
  type Role,
  type UserBrief,
} from "./model/types";
export { projectSocketPath, useProjectRoom, type ProjectRoom } from "./model/use-project-room";
export { PresenceAvatars } from "./ui/presence-avatars";
export { ProjectStatusBadge, RoleBadge } from "./ui/project-badges";
