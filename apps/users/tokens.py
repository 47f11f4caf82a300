"""Signed tokens the users app hands out besides JWTs: the e-mail verification link and
the "known device" token a browser gets on a successful sign-in."""

import secrets

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import User

_VERIFY_SALT = "users.verify-email"
_DEVICE_SALT = "users.known-device"


def _verification_fingerprint(user: User) -> str:
    """Changes when the address or the password does: following a link sets the password
    (users.services.user_verify_email), which voids that link and every one sent before it."""
    return salted_hmac(_VERIFY_SALT, f"{user.pk}:{user.email}:{user.password}").hexdigest()[:32]


def email_verification_token(user: User) -> str:
    return signing.dumps({"u": str(user.pk), "f": _verification_fingerprint(user)}, salt=_VERIFY_SALT)


def email_verification_user(token: str) -> User | None:
    """The user a verification token was made for, or None when it is forged, expired or
    outdated."""
    try:
        payload = signing.loads(token, salt=_VERIFY_SALT, max_age=settings.EMAIL_VERIFICATION_MAX_AGE)
        user = User.objects.filter(pk=payload["u"], is_active=True).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if user is None or not constant_time_compare(payload.get("f", ""), _verification_fingerprint(user)):
        return None
    return user


def _account_fingerprint(email: str) -> str:
    return salted_hmac(_DEVICE_SALT, email.strip().lower()).hexdigest()[:24]


def known_device_token(email: str) -> str:
    """Proof that this browser signed in to this account before (the address is kept as an
    HMAC, not in clear). Its random id gets its own failure counter at login."""
    return signing.dumps({"a": _account_fingerprint(email), "d": secrets.token_urlsafe(12)}, salt=_DEVICE_SALT)


def known_device_id(token: str | None, *, email: str) -> str | None:
    """The device id when `token` is a valid known-device token for `email`, else None."""
    if not token:
        return None
    try:
        payload = signing.loads(token, salt=_DEVICE_SALT, max_age=settings.KNOWN_DEVICE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not constant_time_compare(
        str(payload.get("a", "")), _account_fingerprint(email)
    ):
        return None
    device = payload.get("d")
    return device if isinstance(device, str) and device else None
