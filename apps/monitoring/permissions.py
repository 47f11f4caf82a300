from rest_framework.permissions import BasePermission


def user_may_monitor(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_staff or user.has_perm("monitoring.access_monitoring"))
    )


class CanMonitor(BasePermission):
    """Staff, or holders of `monitoring.access_monitoring`. Anonymous → 401, others → 403."""

    message = "Monitoring is for staff only."

    def has_permission(self, request, view):
        return user_may_monitor(request.user)
