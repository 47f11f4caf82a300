"""Accounts: registration, login, tokens, passwords, profile."""

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.models import update_last_login
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from rest_framework import exceptions
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from apps.core import revocation
from apps.core.errors import Conflict, DomainError
from apps.core.services import audit_record, client_ip, model_update
from apps.core.throttling import LoginFailureLimiter

from .emails import send_password_reset_email
from .models import User


class InvalidCredentials(DomainError):
    code = "invalid_credentials"
    status_code = 401
    message = "The email or password is incorrect."


class TooManyLoginFailures(DomainError):
    code = "throttled"
    status_code = 429
    message = "Too many failed logins. Try again later."


class InvalidResetLink(DomainError):
    code = "reset_link_invalid"
    status_code = 400
    message = "This password reset link is invalid or has expired."


def _validate_password(password: str, user: User | None = None, *, field: str = "password") -> None:
    """Errors are keyed by the input field that carried the password, so clients can show
    them beside it (`password` on register, `new_password` on change and reset)."""
    try:
        password_validation.validate_password(password, user)
    except DjangoValidationError as exc:
        raise exceptions.ValidationError({field: list(exc.messages)}) from exc


def token_pair_for(user: User) -> dict:
    refresh = RefreshToken.for_user(user)
    # Issue time to the millisecond, copied into the access token: a pair minted right
    # after a revocation is not caught by the second it shares with it (core.revocation).
    refresh[revocation.ISSUED_MS_CLAIM] = revocation.now_ms()
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def token_rotate(*, raw_refresh: str) -> dict:
    """Trades a refresh token for a new pair exactly once. The blacklist row is unique per
    token, so of two concurrent refreshes with the same token only one mints a pair."""
    # simplejwt annotates the encoded token as a Token; it takes the string (and checks it).
    token = RefreshToken(raw_refresh)  # type: ignore[arg-type]  # signature, expiry and blacklist checked here
    try:
        with transaction.atomic():
            outstanding = OutstandingToken.objects.get(jti=token[jwt_settings.JTI_CLAIM])
            BlacklistedToken.objects.create(token=outstanding)
    except (OutstandingToken.DoesNotExist, IntegrityError) as exc:
        raise TokenError("Token is blacklisted") from exc
    user = User.objects.filter(pk=token[jwt_settings.USER_ID_CLAIM], is_active=True).first()
    if user is None:
        raise TokenError("User is inactive")
    return token_pair_for(user)


@transaction.atomic
def user_register(*, email: str, password: str, display_name: str, locale: str = "ko", request=None) -> User:
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict("An account with this email already exists.", details={"email": ["already_registered"]})
    candidate = User(email=email, display_name=display_name, locale=locale)
    _validate_password(password, candidate)
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password, display_name=display_name, locale=locale)
    except IntegrityError as exc:  # a concurrent registration won the race
        raise Conflict("An account with this email already exists.", details={"email": ["already_registered"]}) from exc
    audit_record(action="user.registered", actor=user, target=str(user.pk), request=request)
    return user


def user_login(*, email: str, password: str, request) -> User:
    limiter = LoginFailureLimiter()
    ip = client_ip(request) or ""
    if limiter.blocked(email=email, ip=ip):
        audit_record(action="login.throttled", target=email.lower(), request=request)
        raise TooManyLoginFailures()
    user = authenticate(request=request, email=email.strip().lower(), password=password)
    if user is None:
        limiter.record_failure(email=email, ip=ip)
        audit_record(action="login.failed", target=email.lower(), request=request)
        raise InvalidCredentials()
    limiter.reset(email=email)
    if jwt_settings.UPDATE_LAST_LOGIN:
        update_last_login(User, user)  # a signal receiver called directly; it ignores the sender
    audit_record(action="login.succeeded", actor=user, target=str(user.pk), request=request)
    return user


def user_logout(*, user: User, refresh: str, access=None, request=None) -> None:
    """Blacklists the refresh token so it can mint nothing more, and revokes the access
    token the request came with (`access`, a validated token) on every node at once."""
    token = RefreshToken(refresh)  # type: ignore[arg-type]  # the encoded token (see token_rotate)
    if str(token.get("user_id")) != str(user.pk):
        raise exceptions.PermissionDenied("This token belongs to someone else.")
    token.blacklist()
    if access is not None:
        revocation.token_revoke(access.payload)
    audit_record(action="logout", actor=user, target=str(user.pk), request=request)


@transaction.atomic
def user_logout_everywhere(*, user: User, request=None) -> None:
    """Ends every session of the user: all refresh tokens blacklisted, every access token
    issued until now revoked, the caller's own included."""
    user_tokens_revoke_all(user=user)
    audit_record(action="logout.everywhere", actor=user, target=str(user.pk), request=request)


@transaction.atomic
def user_change_password(*, user: User, old_password: str, new_password: str, request=None) -> dict:
    """Ends every other session (their tokens stop working at once) and answers a new token
    pair for the caller's, whose own tokens are revoked with the rest."""
    if not user.check_password(old_password):
        raise exceptions.ValidationError({"old_password": ["The current password is incorrect."]})
    _validate_password(new_password, user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    user_tokens_revoke_all(user=user)
    audit_record(action="password.changed", actor=user, target=str(user.pk), request=request)
    return token_pair_for(user)


def user_request_password_reset(*, email: str, request=None) -> None:
    """Always looks successful to the caller: never reveal whether an email is registered."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    audit_record(
        action="password.reset_requested", target=email.lower(), request=request, data={"known": user is not None}
    )
    if user is None or not user.has_usable_password():
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = f"{settings.FRONTEND_URL}/reset-password/confirm?uid={uid}&token={token}"
    transaction.on_commit(lambda: send_password_reset_email(user_id=str(user.pk), link=link))


@transaction.atomic
def user_confirm_password_reset(*, uid: str, token: str, new_password: str, request=None) -> User:
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uid)), is_active=True)
    except (User.DoesNotExist, ValueError, TypeError, OverflowError, DjangoValidationError) as exc:
        raise InvalidResetLink() from exc
    # The token embeds the password hash and last login: it is one-time by construction.
    if not default_token_generator.check_token(user, token):
        raise InvalidResetLink()
    _validate_password(new_password, user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    user_tokens_revoke_all(user=user)
    audit_record(action="password.reset", actor=user, target=str(user.pk), request=request)
    return user


PROFILE_FIELDS = ["display_name", "locale", "timezone", "avatar"]


def user_update_profile(*, user: User, data: dict) -> User:
    """`data` holds only the fields the input serializer declared (no mass assignment)."""
    model_update(instance=user, fields=PROFILE_FIELDS, data=data, clean_exclude=["password"])
    return user


def user_tokens_revoke_all(*, user: User) -> None:
    """Every session of the user ends now (deactivation, password change or reset, sign out
    everywhere): refresh tokens blacklisted in PostgreSQL, access tokens denied in Redis."""
    for outstanding in OutstandingToken.objects.filter(user=user).exclude(blacklistedtoken__isnull=False):
        BlacklistedToken.objects.get_or_create(token=outstanding)
    revocation.user_tokens_revoke(user.pk)
