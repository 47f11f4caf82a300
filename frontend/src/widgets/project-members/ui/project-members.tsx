"use client";

import {
  manageReason,
  RoleBadge,
  ROLES,
  useListInvitationsQuery,
  useListMembersQuery,
  type Project,
} from "@/entities/project";
import { InviteForm, RevokeInvitationButton } from "@/features/project/invite-member";
import { LeaveProjectButton, MemberActions, MemberRoleSelect, type MemberControlContext } from "@/features/project/manage-member";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { Avatar, Button, Card, cx, EmptyState, Skeleton } from "@/shared/ui";

import styles from "./project-members.module.css";

export interface ProjectMembersProps {
  project: Project;
  myId: string;
  onLeft: () => void;
}

/** Members with their roles and the controls the caller's role allows, plus invitations. */
export function ProjectMembers({ project, myId, onLeft }: ProjectMembersProps) {
  const t = useTranslations("projectMembers");
  const ti = useTranslations("projectInvite");
  const tc = useTranslations("common");
  const format = useFormatter();
  const members = useListMembersQuery(project.id);
  const canManage = !manageReason(project.my_role);
  const invitations = useListInvitationsQuery(project.id, { skip: !canManage });
  const list = members.data ?? [];
  const context: MemberControlContext = {
    projectId: project.id,
    myRole: project.my_role,
    myId,
    ownerCount: list.filter((member) => member.role === "owner").length,
  };
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });

  let memberBody;
  if (members.isLoading) {
    memberBody = (
      <div className={styles.loading} role="status" aria-label={tc("loading")}>
        <Skeleton height={36} />
        <Skeleton height={36} />
      </div>
    );
  } else if (members.isError) {
    memberBody = (
      <EmptyState
        tone="error"
        compact
        title={t("loadError")}
        action={<Button onClick={() => void members.refetch()}>{tc("retry")}</Button>}
      />
    );
  } else {
    memberBody = (
      <table className={styles.table} data-testid="members-table">
        <thead>
          <tr>
            <th scope="col">{t("member")}</th>
            <th scope="col">{t("role")}</th>
            <th scope="col" className={styles.hideNarrow}>
              {t("joined")}
            </th>
            <th scope="col" className={styles.actionsHead}>
              <span className={styles.srOnly}>{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((member) => {
            const name = member.user.display_name || member.user.email;
            const isSelf = member.user.id === myId;
            return (
              <tr key={member.user.id} data-testid="member-row" data-user-id={member.user.id} data-role={member.role}>
                <td>
                  <div className={styles.identity}>
                    <Avatar name={name} src={member.user.avatar} size={28} />
                    <div className={styles.identityText}>
                      <span className={styles.name}>
                        {name}
                        {isSelf ? <span className={styles.you}>{t("you")}</span> : null}
                      </span>
                      <span className={styles.email}>{member.user.email}</span>
                    </div>
                  </div>
                </td>
                <td>
                  {canManage ? <MemberRoleSelect member={member} context={context} /> : <RoleBadge role={member.role} />}
                </td>
                <td className={cx(styles.muted, styles.hideNarrow)}>{date(member.joined_at)}</td>
                <td>{canManage ? <MemberActions member={member} context={context} /> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }

  const pending = (invitations.data ?? []).slice(0, 30);

  return (
    <div className={styles.layout}>
      <div className={styles.main}>
        <Card title={ti("title")} description={ti("description")}>
          <InviteForm projectId={project.id} myRole={project.my_role} />
        </Card>
        <Card flush title={t("membersTitle")} description={t("subtitle")}>
          {memberBody}
        </Card>
        {canManage ? (
          <Card flush title={ti("listTitle")}>
            {invitations.isLoading ? (
              <div className={styles.loading} role="status" aria-label={tc("loading")}>
                <Skeleton height={32} />
              </div>
            ) : invitations.isError ? (
              <EmptyState tone="error" compact title={ti("loadError")} />
            ) : pending.length === 0 ? (
              <EmptyState compact title={ti("empty")} />
            ) : (
              <ul className={styles.invitations} data-testid="invitation-list">
                {pending.map((invitation) => (
                  <li key={invitation.id} className={styles.invitation} data-testid="invitation-row" data-state={invitation.state}>
                    <div className={styles.identityText}>
                      <span className={styles.name}>{invitation.email}</span>
                      <span className={styles.email}>
                        {invitation.inviter ? `${ti("invitedBy", { name: invitation.inviter.display_name })} · ` : ""}
                        {invitation.state === "pending" ? ti("expires", { date: date(invitation.expires_at) }) : date(invitation.created_at)}
                      </span>
                    </div>
                    <RoleBadge role={invitation.role} />
                    <span className={cx(styles.state, styles[invitation.state])}>{ti(`states.${invitation.state}`)}</span>
                    <RevokeInvitationButton projectId={project.id} invitation={invitation} myRole={project.my_role} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
      </div>
      <aside className={styles.side}>
        <Card title={t("roleGuide")} headingLevel={2}>
          <dl className={styles.guide}>
            {ROLES.map((role) => (
              <div key={role} className={styles.guideRow}>
                <dt>
                  <RoleBadge role={role} />
                </dt>
                <dd>{t(`roleGuideBody.${role}`)}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card>
          <LeaveProjectButton context={context} onLeft={onLeft} />
        </Card>
      </aside>
    </div>
  );
}
