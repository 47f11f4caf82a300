import { ShareReviewPage } from "@/views/share-review";

export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <ShareReviewPage token={token} />;
}
