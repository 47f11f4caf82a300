from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm

from apps.core.admin_support import label

from .models import User


class _UserCreationForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("email", "display_name")

    def save(self, commit=True):
        # An operator vouches for the address of an account made in the admin.
        self.instance.email_verified = True
        return super().save(commit=commit)


class _UserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = _UserChangeForm
    add_form = _UserCreationForm
    ordering = ("email",)
    list_display = ("email", "display_name", "locale", "email_verified", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_active", "email_verified", "locale")
    search_fields = ("email", "display_name")
    date_hierarchy = "date_joined"
    fieldsets = (
        (None, {"fields": ("email", "email_verified", "password")}),
        (label("Profile", "프로필"), {"fields": ("display_name", "avatar", "locale", "timezone")}),
        (
            label("Permissions", "권한"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (label("Dates", "날짜"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")}),)
