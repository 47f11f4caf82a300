"use client";

import { lazy, Suspense, useState } from "react";

import { useTranslations } from "@/shared/i18n";
import { Button } from "@/shared/ui";

const ShareLinkDialog = lazy(() => import("@/features/review/share-link").then((m) => ({ default: m.ShareLinkDialog })));

/** "Share" and its dialog (a modal: it sits in the top layer wherever it is mounted). */
export function ShareButton({ versionId }: { versionId: string }) {
  const t = useTranslations("review");
  const [open, setOpen] = useState(false);
  // Mounted on first use and kept, so the dialog keeps its state between openings.
  const [used, setUsed] = useState(false);
  return (
    <>
      <Button
        size="sm"
        variant="primary"
        onClick={() => {
          setUsed(true);
          setOpen(true);
        }}
      >
        {t("share")}
      </Button>
      {used ? (
        <Suspense fallback={null}>
          <ShareLinkDialog versionId={versionId} open={open} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
