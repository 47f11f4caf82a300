import { ProjectAiJobsPage } from "@/views/project-ai-jobs";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProjectAiJobsPage projectId={id} />;
}
