import { ProjectAssetsPage } from "@/views/project-assets";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProjectAssetsPage projectId={id} />;
}
