import { createApi } from "@reduxjs/toolkit/query/react";

import { createBaseQuery } from "./base-query";

/** Tags every entity may provide or invalidate. */
export const TAG_TYPES = [
  "Me",
  "Notification",
  "UnreadCount",
  // projects
  "Project",
  "Member",
  "Invitation",
  "Phase",
  "Activity",
  // review
  "Asset",
  "Version",
  "Feedback",
  "Decision",
  "ShareLink",
  "Attention",
  // AI planning
  "Brief",
  "Plan",
  "AIJob",
  "AIUsage",
  "AISettings",
  // monitoring and analytics
  "Host",
  "Metric",
  "Alert",
  "AlertRule",
  "AlertChannel",
  "AlertTemplate",
  "Silence",
  "Site",
  "Analytics",
] as const;
export type TagType = (typeof TAG_TYPES)[number];

/**
 * The single RTK Query API. Entities and features add their endpoints with
 * `baseApi.injectEndpoints`, so there is one cache, one middleware and one
 * place that knows how to authenticate.
 */
export const baseApi = createApi({
  reducerPath: "api",
  baseQuery: createBaseQuery(),
  tagTypes: TAG_TYPES,
  refetchOnReconnect: true,
  endpoints: () => ({}),
});
