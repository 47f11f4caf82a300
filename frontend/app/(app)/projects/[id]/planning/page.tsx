import { ProjectPlanningPage } from "@/views/project-planning";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProjectPlanningPage projectId={id} />;
}
