from django.contrib import admin

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
    list_filter = ("status",)
    search_fields = ("name", "description", "owner__email")
    raw_id_fields = ("owner",)
    inlines = [MembershipInline, PhaseInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("project", "user", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("project__name", "user__email")
    raw_id_fields = ("project", "user")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "project", "role", "expires_at", "accepted_at", "revoked_at")
    list_filter = ("role",)
    search_fields = ("email", "project__name")
    raw_id_fields = ("project", "inviter", "accepted_by")
    readonly_fields = ("token",)


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ("name", "project", "order", "start", "end")
    search_fields = ("name", "project__name")
    raw_id_fields = ("project",)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("created_at", "project", "actor", "verb", "target_type")
    list_filter = ("verb", "target_type")
    search_fields = ("project__name", "actor__email", "verb")
    raw_id_fields = ("project", "actor")
