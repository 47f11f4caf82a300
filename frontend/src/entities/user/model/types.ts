import type { AppLocale } from "@/shared/i18n";

/** `GET /api/v1/users/me/` */
export interface User {
  id: string;
  email: string;
  display_name: string;
  avatar: string | null;
  locale: AppLocale;
  timezone: string;
  is_staff: boolean;
  date_joined: string;
}

/** Fields `PATCH /api/v1/users/me/` accepts. */
export type UserUpdate = Partial<Pick<User, "display_name" | "locale" | "timezone">>;

/** What register and login answer with. */
export interface AuthResponse {
  access: string;
  refresh: string;
  user: User;
}

export function displayNameOf(user: Pick<User, "display_name" | "email">): string {
  return user.display_name.trim() || user.email.split("@")[0] || user.email;
}
