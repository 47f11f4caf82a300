"use client";

import {
  PROJECT_STATUSES,
  ROLES,
  useListActivityInfiniteQuery,
  useListMembersQuery,
  type Activity,
  type ProjectStatus,
  type Role,
} from "@/entities/project";
import { useFormatter, useNow, useTranslations } from "@/shared/i18n";
import { Avatar, Button, Card, ChipIcon, EmptyState, Skeleton, UserIcon } from "@/shared/ui";

import { activityActor, describeActivity, type ActivityActor } from "../model/describe";
import styles from "./project-activity.module.css";

const AVATAR = 22;

/** Who did it: a member's picture or initials, a guest's initials marked as a guest's, the system as a chip, else a person outline. */
function ActorAvatar({ activity, actor }: { activity: Activity; actor: ActivityActor }) {
  const props = { size: AVATAR, className: styles.avatar };
  const avatar =
    actor.kind === "user" ? (
      <Avatar {...props} name={actor.name} src={activity.actor?.avatar} />
    ) : actor.kind === "guest" ? (
      <Avatar {...props} name={actor.name} />
    ) : (
      <Avatar {...props} name="" icon={actor.kind === "system" ? <ChipIcon size={14} /> : <UserIcon size={14} />} />
    );
  return (
    <span className={styles.actor} data-actor={actor.kind} data-testid="activity-actor">
      {avatar}
    </span>
  );
}

function isStatus(value: string): value is ProjectStatus {
  return (PROJECT_STATUSES as readonly string[]).includes(value);
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The project's timeline, newest first; new rows arrive over the project socket. */
export function ProjectActivity({ projectId }: { projectId: string }) {
  const t = useTranslations("projectActivity");
  const tv = useTranslations("projectActivity.verbs");
  const ts = useTranslations("projectStatus");
  const tr = useTranslations("projectRole");
  const tc = useTranslations("common");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const feed = useListActivityInfiniteQuery(projectId);
  const members = useListMembersQuery(projectId);
  const items = feed.data?.pages.flatMap((page) => page.results) ?? [];

  const nameOfUser = (id: string) => {
    const member = members.data?.find((item) => item.user.id === id);
    return member ? member.user.display_name || member.user.email : null;
  };

  const sentence = (activity: Activity) => {
    const who = activityActor(activity);
    const actor =
      who.kind === "user" ? who.name : who.kind === "guest" ? t("guest", { name: who.name }) : t(who.kind === "system" ? "system" : "someone");
    const d = describeActivity(activity);
    const status = (value: string) => (isStatus(value) ? ts(value) : value);
    const role = (value: string) => (isRole(value) ? tr(value) : value);
    switch (d.key) {
      case "project_status":
        return tv("project_status", { actor, from: status(d.from), to: status(d.to) });
      case "member_joined":
        return tv("member_joined", { target: nameOfUser(activity.target_id) ?? actor, role: role(d.role) });
      case "member_left":
        return tv("member_left", { target: actor });
      // Rows keep only the target's id: someone who has since left has no name here.
      case "member_removed": {
        const target = nameOfUser(activity.target_id);
        return target ? tv("member_removed", { actor, target }) : tv("member_removed_former", { actor });
      }
      case "member_role_changed": {
        const target = nameOfUser(activity.target_id);
        return target
          ? tv("member_role_changed", { actor, target, role: role(d.role) })
          : tv("member_role_changed_former", { actor, role: role(d.role) });
      }
      case "invitation_created":
      case "invitation_revoked":
        return tv(d.key, { actor, email: d.email });
      case "phase_created":
      case "phase_updated":
      case "phase_deleted":
        return tv(d.key, { actor, name: d.name });
      case "version_ready":
      case "version_failed":
        return tv(d.key, { number: d.number });
      case "other":
        return tv("other", { actor, verb: d.verb });
      default:
        return tv(d.key, { actor });
    }
  };

  let body;
  if (feed.isLoading) {
    body = (
      <div className={styles.loading} role="status" aria-label={tc("loading")}>
        {[0, 1, 2, 3].map((key) => (
          <Skeleton key={key} height={18} />
        ))}
      </div>
    );
  } else if (feed.isError) {
    body = (
      <EmptyState
        tone="error"
        compact
        title={t("loadError")}
        action={<Button onClick={() => void feed.refetch()}>{tc("retry")}</Button>}
      />
    );
  } else if (items.length === 0) {
    body = <EmptyState compact title={t("empty")} />;
  } else {
    body = (
      <>
        {/* It scrolls on its own: focusable and named, so a keyboard can scroll it too. */}
        <ol className={styles.list} data-testid="activity-feed" aria-live="polite" aria-relevant="additions" tabIndex={0} aria-label={t("title")}>
          {items.map((activity) => (
            <li key={activity.id} className={styles.item} data-testid="activity-item" data-verb={activity.verb}>
              <ActorAvatar activity={activity} actor={activityActor(activity)} />
              <p className={styles.text}>{sentence(activity)}</p>
              <time className={styles.time} dateTime={activity.created_at} title={format.dateTime(new Date(activity.created_at), { dateStyle: "medium", timeStyle: "short" })}>
                {/* A row newer than the ticking clock would read "in 3 seconds". */}
                {format.relativeTime(new Date(activity.created_at), new Date(Math.max(now.getTime(), Date.parse(activity.created_at))))}
              </time>
            </li>
          ))}
        </ol>
        {feed.hasNextPage ? (
          <div className={styles.more}>
            <Button size="sm" variant="ghost" loading={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()}>
              {t("loadMore")}
            </Button>
          </div>
        ) : null}
      </>
    );
  }

  return (
    <Card
      flush
      title={t("title")}
      actions={
        <span className={styles.live}>
          <span className={styles.liveDot} aria-hidden="true" />
          {t("live")}
        </span>
      }
    >
      {body}
    </Card>
  );
}
