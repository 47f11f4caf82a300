import { baseApi, type CursorPage } from "@/shared/api";

import type { Notification, NotificationFilter, UnreadCount } from "../model/types";

/** `next` is a full URL; the cursor is its `cursor` query parameter. */
export function cursorFromUrl(next: string | null): string | undefined {
  if (!next) return undefined;
  try {
    return new URL(next, "http://placeholder").searchParams.get("cursor") ?? undefined;
  } catch {
    return undefined;
  }
}

export const notificationApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listNotifications: build.infiniteQuery<CursorPage<Notification>, NotificationFilter, string>({
      infiniteQueryOptions: {
        initialPageParam: "",
        getNextPageParam: (lastPage) => cursorFromUrl(lastPage.next),
      },
      query: ({ queryArg, pageParam }) => ({
        url: "notifications/",
        params: {
          unread: queryArg.unread ? "true" : undefined,
          cursor: pageParam || undefined,
        },
      }),
      providesTags: [{ type: "Notification", id: "LIST" }],
    }),
    getUnreadCount: build.query<UnreadCount, void>({
      query: () => "notifications/unread-count/",
      providesTags: ["UnreadCount"],
    }),
  }),
});

export const { useListNotificationsInfiniteQuery, useGetUnreadCountQuery } = notificationApi;
