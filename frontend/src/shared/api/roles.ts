import type { components } from "./schema.gen";
import { ROLE_ACTIONS, type ProjectAction } from "./tables.gen";

/** A member's role in a project, as the API names it. */
export type ProjectRole = components["schemas"]["RoleEnum"];

/** Whether `role` may do `action` by the server's table (the server still decides). */
export function roleAllows(role: ProjectRole | null | undefined, action: ProjectAction): boolean {
  return role != null && ROLE_ACTIONS[role].includes(action);
}
