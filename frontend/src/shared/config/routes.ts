/** Every in-app route in one place, so links and redirects cannot drift. */
export const routes = {
  home: "/",
  login: "/login",
  register: "/register",
  resetPassword: "/reset-password",
  resetPasswordConfirm: "/reset-password/confirm",
  verifyEmail: "/verify-email",
  notifications: "/notifications",
  profile: "/profile",
  notificationSettings: "/profile/notifications",
  unsubscribe: (token: string) => `/unsubscribe/${token}`,
  projects: "/projects",
  project: (id: string) => `/projects/${id}`,
  projectMembers: (id: string) => `/projects/${id}/members`,
  projectAssets: (id: string) => `/projects/${id}/assets`,
  projectPlanning: (id: string) => `/projects/${id}/planning`,
  projectAiJobs: (id: string) => `/projects/${id}/ai-jobs`,
  brief: (id: string) => `/briefs/${id}`,
  plan: (id: string) => `/plans/${id}`,
  assetReview: (assetId: string) => `/assets/${assetId}`,
  invitation: (token: string) => `/invitations/${token}`,
  share: (token: string) => `/share/${token}`,
  monitoring: "/monitoring",
  analytics: "/analytics",
} as const;

/** Only same-origin absolute paths may be used as a post-login redirect. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return routes.home;
  }
  return next;
}
