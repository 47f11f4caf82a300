import { useTranslations } from "@/shared/i18n";
import { Badge } from "@/shared/ui";

import type { PlanStatus } from "../model/types";

const TONE: Record<PlanStatus, "accent" | "danger" | "neutral"> = {
  queued: "neutral",
  running: "accent",
  succeeded: "accent",
  failed: "danger",
};

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const t = useTranslations("planningStatus");
  return (
    <Badge tone={TONE[status]} data-status={status}>
      {t(status)}
    </Badge>
  );
}
