import type { Schemas } from "@/shared/api";

/** `GET /api/v1/users/me/` */
export type User = Schemas["UserOut"];

/** Fields `PATCH /api/v1/users/me/` accepts. */
export type UserUpdate = Partial<Pick<User, "display_name" | "locale" | "timezone">>;

/** What register and login answer with. */
export type AuthResponse = Schemas["AuthOut"];

export function displayNameOf(user: Pick<User, "display_name" | "email">): string {
  return user.display_name.trim() || user.email.split("@")[0] || user.email;
}
