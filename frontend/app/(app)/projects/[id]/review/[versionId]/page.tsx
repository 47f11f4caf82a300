import { Suspense } from "react";

import { VersionRedirectPage } from "@/views/asset-review";

/** Notification links (`/projects/{id}/review/{version}?feedback=`) land in the asset's review room. */
export default async function Page({ params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  return (
    <Suspense>
      <VersionRedirectPage versionId={versionId} />
    </Suspense>
  );
}
