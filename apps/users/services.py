"""Accounts: registration, login, tokens, passwords, profile."""

from typing import cast

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.hashers import make_password
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
from apps.core.errors import DomainError
from apps.core.services import audit_record, client_ip, model_update
from apps.core.throttling import LoginFailureLimiter, rate_limit_wait

from . import tokens
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

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(details={"retry_after": retry_after})


class EmailNotVerified(DomainError):
    code = "email_not_verified"
    status_code = 403
    message = "Confirm your e-mail address first: follow the link we sent you."


class InvalidVerificationLink(DomainError):
    code = "verification_link_invalid"
    status_code = 400
    message = "This verification link is invalid or has expired."


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
def user_register(*, email: str, password: str, display_name: str, locale: str = "ko", request=None) -> None:
    """Answers alike whether `email` is new or taken (no account enumeration): the same
    password checks and hashing, one e-mail enqueued on commit in either case. A new
    address gets an unverified account and the verification link; the owner of a verified
    account hears that someone tried to register with it; an unverified account is left as
    it is and gets a new link. Whoever registered, the account's password is the one typed
    by whoever follows the link (`user_verify_email`), i.e. by the mailbox owner: a stranger
    who registers someone else's address first (pre-hijacking) never holds the account."""
    email = email.strip().lower()
    _validate_password(password, User(email=email, display_name=display_name, locale=locale))
    password_hash = make_password(password)  # the slow part, done in every case
    existing = User.objects.select_for_update().filter(email__iexact=email).first()
    if existing is None:
        try:
            with transaction.atomic():
                user = User.objects.create(
                    email=email, password=password_hash, display_name=display_name, locale=locale, email_verified=False
                )
        except IntegrityError:  # a concurrent registration won the race: answer as for a taken address
            existing = User.objects.get(email__iexact=email)
        else:
            audit_record(action="user.registered", actor=user, target=str(user.pk), request=request)
            _enqueue_signup_email(user, "verify")
            return
    if existing.email_verified or not existing.is_active:
        audit_record(action="user.register_existing", target=str(existing.pk), request=request)
        _enqueue_signup_email(existing, "attempt")
        return
    audit_record(action="user.register_unverified_again", target=str(existing.pk), request=request)
    _enqueue_signup_email(existing, "verify")


def _enqueue_signup_email(user: User, kind: str) -> None:
    """One sign-up e-mail per address and hour window at most (THROTTLE_EMAIL_VERIFICATION):
    beyond it nothing is sent, and the caller's answer is the same."""
    from .tasks import send_signup_email

    rate = cast(dict[str, str], settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])["email_verification"]
    if rate_limit_wait(f"signup-email:{user.email}", rate) is not None:
        return
    user_id = str(user.pk)
    transaction.on_commit(lambda: send_signup_email.delay(user_id, kind))


def user_resend_verification(*, email: str, request=None) -> None:
    """Always looks successful to the caller; sends a new link only to an unverified account."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True, email_verified=False).first()
    audit_record(
        action="email.verification_resent", target=email.lower(), request=request, data={"sent": user is not None}
    )
    if user is not None:
        _enqueue_signup_email(user, "verify")


@transaction.atomic
def user_verify_email(*, token: str, password: str, request=None) -> User:
    """Verifies the address of the account the signed link was made for and sets its password
    to `password`, typed by the one who opened the link: the link proves the mailbox, so the
    mailbox owner's password is the account's, whoever registered it. Every session and token
    issued before is revoked. The link works once: setting the password changes what it was
    signed over (users.tokens), and an already verified account is not taken by a link."""
    user = tokens.email_verification_user(token)
    if user is None or user.email_verified:
        raise InvalidVerificationLink()
    _validate_password(password, user)
    user.set_password(password)
    user.email_verified = True
    user.save(update_fields=["password", "email_verified"])
    user_tokens_revoke_all(user=user)
    audit_record(action="email.verified", actor=user, target=str(user.pk), request=request)
    return user


def user_login(*, email: str, password: str, request, device_token: str | None = None) -> tuple[User, str]:
    """The user and a known-device token for this browser to keep (see users.tokens and
    core.throttling.LoginFailureLimiter for who is locked out of what)."""
    limiter = LoginFailureLimiter()
    ip = client_ip(request) or ""
    device = tokens.known_device_id(device_token, email=email)
    wait = limiter.blocked(email=email, ip=ip, device=device)
    if wait is not None:
        audit_record(
            action="login.throttled", target=email.lower(), request=request, data={"known_device": bool(device)}
        )
        raise TooManyLoginFailures(retry_after=wait)
    user = authenticate(request=request, email=email.strip().lower(), password=password)
    if user is None:
        limiter.record_failure(email=email, ip=ip, device=device)
        audit_record(action="login.failed", target=email.lower(), request=request)
        raise InvalidCredentials()
    limiter.reset(email=email, ip=ip, device=device)
    if not user.email_verified:
        raise EmailNotVerified()
    if jwt_settings.UPDATE_LAST_LOGIN:
        update_last_login(User, user)  # a signal receiver called directly; it ignores the sender
    audit_record(action="login.succeeded", actor=user, target=str(user.pk), request=request)
    return user, (device_token if device and device_token else tokens.known_device_token(email))


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
