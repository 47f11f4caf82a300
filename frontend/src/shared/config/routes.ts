/** Every in-app route in one place, so links and redirects cannot drift. */
export const routes = {
  home: "/",
  login: "/login",
  register: "/register",
  resetPassword: "/reset-password",
  resetPasswordConfirm: "/reset-password/confirm",
  notifications: "/notifications",
  profile: "/profile",
} as const;

/** Only same-origin absolute paths may be used as a post-login redirect. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return routes.home;
  }
  return next;
}
