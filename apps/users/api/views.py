from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.inputs import StrictSerializer
from apps.core.api.schema import error_response
from apps.core.throttling import AuthRateThrottle
from apps.core.ws.tickets import ticket_issue
from apps.users import services
from apps.users.models import User

from .serializers import AuthOut, ProfileIn, TokenPairOut, UserOut


class _PublicAuthView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AuthRateThrottle]


class CheckYourEmailOut(serializers.Serializer):
    """The one answer to a sign-up or a resend, whatever the address: it never says whether
    an account exists."""

    email = serializers.EmailField()
    verification_required = serializers.BooleanField()


def _check_your_email(email: str) -> Response:
    return Response({"email": email.strip().lower(), "verification_required": True}, status=status.HTTP_202_ACCEPTED)


class RegisterView(_PublicAuthView):
    class InputSerializer(StrictSerializer):
        email = serializers.EmailField(max_length=254)
        password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)
        display_name = serializers.CharField(max_length=80)
        locale = serializers.ChoiceField(choices=User.Locale.choices, required=False, default="ko")

    @extend_schema(request=InputSerializer, responses={202: CheckYourEmailOut})
    def post(self, request):
        """Sends a verification link (or, for a taken address, a notice to its owner) and
        answers the same 202 either way; nobody is signed in until the address is verified."""
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_register(**data.validated_data, request=request)
        return _check_your_email(data.validated_data["email"])


class VerifyEmailView(_PublicAuthView):
    class InputSerializer(StrictSerializer):
        token = serializers.CharField(max_length=512)
        password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)

    class OutputSerializer(serializers.Serializer):
        email = serializers.EmailField()
        email_verified = serializers.BooleanField()

    @extend_schema(
        request=InputSerializer,
        responses={
            200: OutputSerializer,
            400: error_response(
                "Link invalid, expired or already used (`verification_link_invalid`), or a weak password"
                " (`validation_error`, details.password)"
            ),
        },
    )
    def post(self, request):
        """Confirms the address and sets the account's password to `password`, typed by whoever
        opened the e-mailed link; sessions from before are revoked. Sign in afterwards."""
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_verify_email(**data.validated_data, request=request)
        return Response(self.OutputSerializer(user).data)


class VerifyEmailResendView(_PublicAuthView):
    class InputSerializer(StrictSerializer):
        email = serializers.EmailField(max_length=254)

    @extend_schema(request=InputSerializer, responses={202: CheckYourEmailOut})
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_resend_verification(email=data.validated_data["email"], request=request)
        return _check_your_email(data.validated_data["email"])


class LoginView(_PublicAuthView):
    class InputSerializer(StrictSerializer):
        email = serializers.EmailField(max_length=254)
        password = serializers.CharField(max_length=128, trim_whitespace=False)
        device_token = serializers.CharField(max_length=512, required=False, allow_blank=True)

    @extend_schema(
        request=InputSerializer,
        responses={
            200: AuthOut,
            401: error_response("Wrong email or password (`invalid_credentials`)"),
            403: error_response("The e-mail address is not verified yet (`email_not_verified`)"),
            429: error_response("Too many failed logins (`throttled`, details.retry_after, Retry-After)"),
        },
    )
    def post(self, request):
        """Keep `device_token` from the answer and send it with later logins to this account:
        a known device is not locked out by failures made elsewhere."""
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user, device_token = services.user_login(**data.validated_data, request=request)
        return Response({**services.token_pair_for(user), "user": UserOut(user).data, "device_token": device_token})

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if isinstance(exc, services.TooManyLoginFailures):
            response["Retry-After"] = str(exc.retry_after)
        return response


class RefreshView(_PublicAuthView):
    class InputSerializer(StrictSerializer):
        refresh = serializers.CharField(max_length=2000)

    @extend_schema(
        request=InputSerializer,
        responses={200: TokenPairOut, 401: error_response("Refresh token invalid, expired or used (`token_invalid`)")},
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(services.token_rotate(raw_refresh=data.validated_data["refresh"]))


class LogoutView(APIView):
    class InputSerializer(StrictSerializer):
        refresh = serializers.CharField(max_length=2000)

    @extend_schema(
        request=InputSerializer,
        responses={204: None, 403: error_response("The refresh token belongs to someone else")},
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_logout(
            user=request.user, refresh=data.validated_data["refresh"], access=request.auth, request=request
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutEverywhereView(APIView):
    """Sign out everywhere: every session of the caller ends, this one included."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        services.user_logout_everywhere(user=request.user, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WsTicketView(APIView):
    @extend_schema(
        request=None,
        responses={
            200: inline_serializer(
                "WsTicket", {"ticket": serializers.CharField(), "expires_in": serializers.IntegerField()}
            ),
            503: error_response("Realtime (Redis) is unavailable (`service_unavailable`)"),
        },
    )
    def post(self, request):
        from django.conf import settings

        ticket = ticket_issue(user_id=request.user.pk, token=request.auth.payload)
        return Response({"ticket": ticket, "expires_in": settings.WS_TICKET_TTL})


class PasswordChangeView(APIView):
    class InputSerializer(StrictSerializer):
        old_password = serializers.CharField(max_length=128, trim_whitespace=False)
        new_password = serializers.CharField(max_length=128, trim_whitespace=False)

    @extend_schema(request=InputSerializer, responses={200: TokenPairOut})
    def post(self, request):
        """Every session's tokens stop working, this one's too: the answer is its new pair."""
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(services.user_change_password(user=request.user, **data.validated_data, request=request))


class PasswordResetView(_PublicAuthView):
    class InputSerializer(StrictSerializer):
        email = serializers.EmailField(max_length=254)

    @extend_schema(request=InputSerializer, responses={202: None})
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_request_password_reset(email=data.validated_data["email"], request=request)
        return Response(status=status.HTTP_202_ACCEPTED)


class PasswordResetConfirmView(_PublicAuthView):
    class InputSerializer(StrictSerializer):
        uid = serializers.CharField(max_length=64)
        token = serializers.CharField(max_length=128)
        new_password = serializers.CharField(max_length=128, trim_whitespace=False)

    @extend_schema(request=InputSerializer, responses={204: None})
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_confirm_password_reset(**data.validated_data, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    @extend_schema(responses=UserOut)
    def get(self, request):
        return Response(UserOut(request.user).data)

    @extend_schema(request=ProfileIn, responses=UserOut)
    def patch(self, request):
        data = ProfileIn(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        user = services.user_update_profile(user=request.user, data=data.validated_data)
        return Response(UserOut(user).data)
