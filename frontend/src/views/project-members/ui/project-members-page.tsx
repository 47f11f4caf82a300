"use client";

import { useParams, useRouter } from "next/navigation";

import { useGetMeQuery } from "@/entities/user";
import { ProjectMembers } from "@/widgets/project-members";
import { ProjectShell } from "@/widgets/project-shell";
import { routes } from "@/shared/config";

export function ProjectMembersPage() {
  const { id } = useParams<{ id: string }>();
  const router = useRouter();
  const { data: me } = useGetMeQuery();
  return (
    <ProjectShell projectId={id}>
      {(project) =>
        me ? <ProjectMembers project={project} myId={me.id} onLeft={() => router.replace(routes.projects)} /> : null
      }
    </ProjectShell>
  );
}
