"use client";

import Link from "next/link";
import { useParams } from "next/navigation";

import { RoleBadge, useListMembersQuery, type Project } from "@/entities/project";
import { PhaseTimeline } from "@/widgets/phase-timeline";
import { ProjectActivity } from "@/widgets/project-activity";
import { ProjectShell } from "@/widgets/project-shell";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { ArrowRightIcon, Avatar, Card, Skeleton } from "@/shared/ui";

import styles from "./project-overview-page.module.css";

export function ProjectOverviewPage() {
  const { id } = useParams<{ id: string }>();
  return <ProjectShell projectId={id}>{(project) => <Overview project={project} />}</ProjectShell>;
}

function Overview({ project }: { project: Project }) {
  const t = useTranslations("projectOverview");
  const tc = useTranslations("common");
  const members = useListMembersQuery(project.id);

  return (
    <div className={styles.grid}>
      <div className={styles.main}>
        <PhaseTimeline project={project} />
        <ProjectActivity projectId={project.id} />
      </div>
      <aside className={styles.side}>
        <Card
          flush
          title={`${t("members")} · ${members.data?.length ?? project.member_count}`}
          actions={
            <Link href={routes.projectMembers(project.id)} className={styles.cardLink}>
              {t("manageMembers")}
              <ArrowRightIcon size={12} />
            </Link>
          }
        >
          {members.isLoading ? (
            <div className={styles.loading} role="status" aria-label={tc("loading")}>
              <Skeleton height={28} />
              <Skeleton height={28} />
            </div>
          ) : (
            <ul className={styles.members} data-testid="overview-members">
              {(members.data ?? []).map((member) => {
                const name = member.user.display_name || member.user.email;
                return (
                  <li key={member.user.id} className={styles.member} data-testid="overview-member" data-role={member.role}>
                    <Avatar name={name} src={member.user.avatar} size={26} />
                    <span className={styles.memberName}>{name}</span>
                    <RoleBadge role={member.role} />
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card title={t("description")}>
          <p className={styles.description}>{project.description || t("noDescription")}</p>
        </Card>
      </aside>
    </div>
  );
}
