from django.urls import path

from .notifications import (
    NotificationList,
    NotificationPreferences,
    NotificationRead,
    NotificationReadAll,
    NotificationUnreadCount,
    NotificationUnsubscribe,
)

urlpatterns = [
    path("notifications/", NotificationList.as_view(), name="notification-list"),
    path("notifications/unread-count/", NotificationUnreadCount.as_view(), name="notification-unread-count"),
    path("notifications/read-all/", NotificationReadAll.as_view(), name="notification-read-all"),
    path("notifications/preferences/", NotificationPreferences.as_view(), name="notification-preferences"),
    path("notifications/unsubscribe/<str:token>/", NotificationUnsubscribe.as_view(), name="notification-unsubscribe"),
    path("notifications/<uuid:pk>/read/", NotificationRead.as_view(), name="notification-read"),
]
