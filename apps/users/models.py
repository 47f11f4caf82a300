import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone as dj_timezone
from timezone_field import TimeZoneField


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("Email is required")
        # Accounts an operator makes (createsuperuser, seed_demo, scripts) are vouched for;
        # self-registration (`user_register`) passes email_verified=False explicitly.
        extra.setdefault("email_verified", True)
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    class Locale(models.TextChoices):
        KO = "ko", "한국어"
        EN = "en", "English"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=80)
    avatar = models.ImageField(upload_to="avatars/", blank=True)
    locale = models.CharField(max_length=2, choices=Locale.choices, default=Locale.KO)
    timezone = TimeZoneField(default="Asia/Seoul")
    is_active = models.BooleanField(default=True)
    # Proven by following the signed link of the verification e-mail. An unverified
    # account cannot be matched to an invitation or a member by e-mail, receives no
    # notification e-mail and cannot sign in.
    email_verified = models.BooleanField(default=False)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=dj_timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return f"{self.display_name} <{self.email}>"
