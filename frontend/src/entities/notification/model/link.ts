import { routes } from "@/shared/config";

import type { Notification } from "./types";

/** `/projects/{project}/review/{version}[?feedback=]`: the links notifications carried before they named the asset. */
const OLD_REVIEW_LINK = /^\/projects\/[^/?#]+\/review\/([^/?#]+)\/?(\?[^#]*)?$/;

/**
 * Where a notification's link goes. The server links review notifications
 * straight to `/assets/{asset}?version=…&feedback=…`; an older review link
 * (`/projects/{p}/review/{v}`, resolved to the asset by a page of its own)
 * whose `data` names the asset is sent there directly too, saving the
 * detour. Anything else is the notification's own `url`.
 */
export function notificationHref(notification: Pick<Notification, "url" | "data">): string | null {
  const { url, data } = notification;
  if (!url) return null;
  const match = OLD_REVIEW_LINK.exec(url);
  const assetId = typeof data.asset_id === "string" && data.asset_id ? data.asset_id : null;
  if (!match || !assetId) return url;
  const versionId = decodeURIComponent(match[1]!);
  const feedback = new URLSearchParams(match[2] ?? "").get("feedback");
  const query = new URLSearchParams({ version: versionId, ...(feedback ? { feedback } : {}) });
  return `${routes.assetReview(assetId)}?${query.toString()}`;
}
