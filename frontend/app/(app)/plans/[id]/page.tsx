import { PlanPage } from "@/views/plan";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PlanPage planId={id} />;
}
