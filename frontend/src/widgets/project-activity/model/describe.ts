import type { Activity } from "@/entities/project";
import { SYSTEM_ACTIVITY_VERBS, type ActivityVerb } from "@/shared/api";

/** The verbs describeActivity's switch gives a sentence with more than the actor. */
type DetailedVerb =
  | "project.created"
  | "project.updated"
  | "member.joined"
  | "member.left"
  | "member.role_changed"
  | "invitation.created"
  | "invitation.revoked"
  | "invitation.accepted"
  | "phase.created"
  | "phase.updated"
  | "phase.deleted"
  | "phase.reordered"
  | "feedback.created"
  | "version.ready"
  | "version.failed";

/** Every other server verb (ACTIVITY_VERBS, generated from apps/projects/activity.py) needs only
 * the actor; the `satisfies` makes a new server verb a type error until it has a sentence here.
 * Older rows' verbs stay too. */
const ACTOR_ONLY = {
  "brief.created": "brief_created",
  "brief.updated": "brief_updated",
  "brief.deleted": "brief_deleted",
  "plan.succeeded": "plan_succeeded",
  "plan.edited": "plan_edited",
  "plan.restored": "plan_restored",
  "ai_job.approved": "ai_job_approved",
  "ai_job.rejected": "ai_job_rejected",
  "ai_job.awaiting_approval": "ai_job_awaiting_approval",
  "ai_job.needs_attention": "ai_job_needs_attention",
  "ai_settings.updated": "ai_settings_updated",
  "asset.created": "asset_created",
  "asset.updated": "asset_updated",
  "asset.deleted": "asset_deleted",
  "version.created": "version_created",
  "version.updated": "version_updated",
  "version.status_changed": "version_status_changed",
  "version.review_decided": "version_review_decided",
  "feedback.deleted": "feedback_deleted",
  "feedback.resolved": "feedback_resolved",
  "feedback.reopened": "feedback_reopened",
  "share_link.created": "share_link_created",
  "share_link.revoked": "share_link_revoked",
  "feedback.mentioned": "feedback_mentioned",
  "feedback.replied": "feedback_replied",
} as const satisfies Record<Exclude<ActivityVerb, DetailedVerb>, string> & Record<string, string>;

/** Which sentence an activity row uses, and the values it needs. */
export type ActivitySentence =
  | { key: "project_created" | "project_updated" | "invitation_accepted" | "phase_reordered" }
  | { key: "project_status"; from: string; to: string }
  | { key: "member_joined"; role: string }
  | { key: "member_left" | "member_removed" }
  | { key: "member_role_changed"; role: string }
  | { key: "invitation_created" | "invitation_revoked"; email: string }
  | { key: "phase_created" | "phase_updated" | "phase_deleted"; name: string }
  | { key: "feedback_created" | "feedback_replied" }
  | { key: "version_ready" | "version_failed"; number: string }
  | { key: (typeof ACTOR_ONLY)[keyof typeof ACTOR_ONLY] }
  | { key: "other"; verb: string };

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function field(data: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = data[key];
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/** Map an Activity row (verb + data as the server records it) to a sentence. */
export function describeActivity(activity: Activity): ActivitySentence {
  const data = activity.data ?? {};
  switch (activity.verb) {
    case "project.created":
      return { key: "project_created" };
    case "project.updated": {
      const status = field(field(data, "changes"), "status");
      if (status.after) return { key: "project_status", from: text(status.before), to: text(status.after) };
      return { key: "project_updated" };
    }
    case "member.joined":
      return { key: "member_joined", role: text(data.role) };
    case "member.left":
      return data.self === false ? { key: "member_removed" } : { key: "member_left" };
    case "member.role_changed":
      return { key: "member_role_changed", role: text(field(data, "role").after) };
    case "invitation.created":
    case "invitation.revoked":
      return { key: activity.verb === "invitation.created" ? "invitation_created" : "invitation_revoked", email: text(data.email) };
    case "invitation.accepted":
      return { key: "invitation_accepted" };
    case "phase.created":
    case "phase.updated":
    case "phase.deleted":
      return {
        key: activity.verb === "phase.created" ? "phase_created" : activity.verb === "phase.updated" ? "phase_updated" : "phase_deleted",
        name: text(data.name),
      };
    case "phase.reordered":
      return { key: "phase_reordered" };
    case "feedback.created":
      return { key: data.reply === true ? "feedback_replied" : "feedback_created" };
    case "version.ready":
    case "version.failed":
      return { key: activity.verb === "version.ready" ? "version_ready" : "version_failed", number: String(data.number ?? "") };
    default: {
      const key = ACTOR_ONLY[activity.verb as keyof typeof ACTOR_ONLY];
      return key ? { key } : { key: "other", verb: activity.verb };
    }
  }
}

/** Who a row names: a member, a guest (by the name they gave), the system, or someone who has
 * since left (the row keeps no name). */
export type ActivityActor =
  | { kind: "user"; name: string }
  | { kind: "guest"; name: string }
  | { kind: "system" }
  | { kind: "someone" };

export function activityActor(activity: Activity): ActivityActor {
  if (activity.actor) return { kind: "user", name: activity.actor.display_name || activity.actor.email };
  const guest = text((activity.data ?? {}).guest_name);
  if (guest) return { kind: "guest", name: guest };
  if ((SYSTEM_ACTIVITY_VERBS as readonly string[]).includes(activity.verb)) return { kind: "system" };
  return { kind: "someone" };
}
