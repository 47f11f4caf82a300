import type { Member } from "@/entities/project";
import { roleAllows } from "@/shared/api";

/**
 * Who may be mentioned: everyone in the project, or for an internal (team-only) note only the
 * members who can read it — never the reviewer, who is the client (the server refuses them).
 */
export function mentionableMembers(members: readonly Member[], internal: boolean): readonly Member[] {
  return internal ? members.filter((member) => roleAllows(member.role, "view_internal")) : members;
}

/** The `@query` being typed just before the caret, or null. */
export function mentionQueryAt(text: string, caret: number): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,40})$/u.exec(before);
  if (!match) return null;
  const query = match[2] ?? "";
  return { query, start: caret - query.length - 1 };
}

/** Members whose name or email starts a word with the query (case-insensitive). */
export function matchMembers(members: readonly Member[], query: string, limit = 6): Member[] {
  const q = query.toLocaleLowerCase();
  return members
    .filter(({ user }) => {
      if (!q) return true;
      const name = user.display_name.toLocaleLowerCase();
      return name.startsWith(q) || name.split(/\s+/).some((part) => part.startsWith(q)) || user.email.toLocaleLowerCase().startsWith(q);
    })
    .slice(0, limit);
}

/** Replace the `@query` at `start` with `@Name ` and return the new text and caret. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** Ids of the members actually mentioned in the final text (a mention deleted by hand does not count). */
export function mentionedIds(text: string, members: readonly Member[]): string[] {
  return members.filter(({ user }) => user.display_name && text.includes(`@${user.display_name}`)).map(({ user }) => user.id);
}
