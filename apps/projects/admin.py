from django.contrib import admin

from apps.core.admin_support import BigTableAdmin

from .models import Activity, Invitation, Membership, Phase, Project


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "status", "deadline", "owner", "updated_at")
    list_filter = ("status", "deadline")
    search_fields = ("name", "description", "owner__email")
    list_select_related = ("owner",)
    raw_id_fields = ("owner",)
    inlines = [MembershipInline, PhaseInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("project", "user", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("project__name", "user__email")
    list_select_related = ("project", "user")
    raw_id_fields = ("project", "user")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "project", "role", "expires_at", "accepted_at", "revoked_at")
    list_filter = ("role", "expires_at")
    search_fields = ("email", "project__name")
    list_select_related = ("project",)
    raw_id_fields = ("project", "inviter", "accepted_by")
    readonly_fields = ("token",)


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ("name", "project", "order", "start", "end")
    list_filter = ("start",)
    search_fields = ("name", "project__name")
    list_select_related = ("project",)
    raw_id_fields = ("project",)


@admin.register(Activity)
class ActivityAdmin(BigTableAdmin):
    list_display = ("created_at", "project", "actor", "verb", "target_type")
    list_filter = ("verb", "target_type", "created_at")
    search_fields = ("project__name", "actor__email", "verb", "target_id__exact")
    list_select_related = ("project", "actor")
    raw_id_fields = ("project", "actor")
    date_hierarchy = "created_at"
