import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";

import { monitoringApi } from "../api/monitoring-api";
import type { Alert, AlertFilter } from "./types";

const RANK: Record<Alert["status"], number> = { firing: 0, pending: 1, resolved: 2 };

function matches(filter: AlertFilter, alert: Alert): boolean {
  if (!filter.status) return true;
  if (filter.status === "open") return alert.status === "firing" || alert.status === "pending";
  return filter.status === alert.status;
}

/**
 * A live `alert.*` event into every cached alerts list (first pages only):
 * replaced in place, moved out of lists whose filter it no longer matches, or
 * inserted in the server's order (firing first, newest first) — no refetch.
 */
export function upsertAlertInCache(dispatch: AppThunkDispatch, state: ApiRootState, alert: Alert): void {
  const args = monitoringApi.util.selectCachedArgsForQuery(state, "listAlerts");
  for (const arg of args) {
    if ((arg.page ?? 1) !== 1) continue;
    dispatch(
      monitoringApi.util.updateQueryData("listAlerts", arg, (draft) => {
        const index = draft.results.findIndex((item) => item.id === alert.id);
        if (index >= 0) draft.results.splice(index, 1);
        if (!matches(arg, alert)) {
          if (index >= 0) draft.count -= 1;
          return;
        }
        if (index < 0) draft.count += 1;
        const at = draft.results.findIndex(
          (item) =>
            RANK[item.status] > RANK[alert.status] ||
            (RANK[item.status] === RANK[alert.status] && item.created_at <= alert.created_at),
        );
        draft.results.splice(at < 0 ? draft.results.length : at, 0, alert);
      }),
    );
  }
}
