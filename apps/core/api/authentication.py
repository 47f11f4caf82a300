"""The REST authentication: simplejwt's JWTAuthentication plus the revocation denylist
(`core.revocation`), checked after the signature and expiry and before the user is
loaded, in one Redis round trip."""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt import authentication

from apps.core import revocation

# simplejwt's own refusals that mean "this session was ended", answered like a revocation.
_ENDED = {"user_inactive", "password_changed"}


class TokenRevoked(AuthenticationFailed):
    """The access token was revoked (logout, sign out everywhere, password change or reset,
    deactivation): 401 `token_revoked`. An AuthenticationFailed, so DRF still marks the
    request unauthenticated and sends WWW-Authenticate."""

    default_detail = "Your session has ended. Sign in again."
    default_code = "token_revoked"
    envelope_code = "token_revoked"


class JWTAuthentication(authentication.JWTAuthentication):
    def get_validated_token(self, raw_token: bytes):
        token = super().get_validated_token(raw_token)
        if revocation.token_is_revoked(token.payload):
            raise TokenRevoked()
        return token

    def get_user(self, validated_token):
        try:
            return super().get_user(validated_token)
        except AuthenticationFailed as exc:
            detail = exc.detail  # simplejwt's: {"detail": …, "code": …}
            if isinstance(detail, dict) and str(detail.get("code")) in _ENDED:
                raise TokenRevoked() from exc
            raise


class JWTAuthenticationScheme(SimpleJWTScheme):
    """OpenAPI: documented like simplejwt's own class (the `jwtAuth` bearer scheme); without
    it drf-spectacular warns on every view and lists no security scheme."""

    target_class = JWTAuthentication
