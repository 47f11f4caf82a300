import { Suspense } from "react";

import { AssetReviewPage } from "@/views/asset-review";

export default async function Page({ params }: { params: Promise<{ assetId: string }> }) {
  const { assetId } = await params;
  return (
    <Suspense>
      <AssetReviewPage assetId={assetId} />
    </Suspense>
  );
}
