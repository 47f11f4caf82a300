"""Django REST framework and the OpenAPI document (drf-spectacular)."""

from ._env import env

# --- DRF ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # simplejwt's, plus the revocation denylist in Redis (apps/core/revocation.py).
        "apps.core.api.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON only; upload views opt in to multipart themselves.
    "DEFAULT_PARSER_CLASSES": ["apps.core.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "apps.core.pagination.PagePagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.core.throttling.UserRateThrottle",
        "apps.core.throttling.IPRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env("THROTTLE_USER", default="600/min"),
        "ip": env("THROTTLE_IP", default="300/min"),
        "auth": env("THROTTLE_AUTH", default="20/min"),
        # Failed logins (apps.core.throttling.LoginFailureLimiter): per (account, IP) and per
        # known device; per IP; and a generous per-account ceiling a known device passes.
        "login_failure": env("THROTTLE_LOGIN_FAILURES", default="5/15min"),
        "login_failure_ip": env("THROTTLE_LOGIN_FAILURES_IP", default="50/15min"),
        "login_failure_account": env("THROTTLE_LOGIN_FAILURES_ACCOUNT", default="100/hour"),
        # Verification and "someone tried to register" e-mails per address (extra ones are
        # silently not sent, so the answer never differs).
        "email_verification": env("THROTTLE_EMAIL_VERIFICATION", default="3/hour"),
        "share": env("THROTTLE_SHARE", default="60/min"),
        "share_password": env("THROTTLE_SHARE_PASSWORD", default="5/15min"),
        # Review attention reports per person per version (a player sends one every ~10 s
        # and on pause, seek and leave).
        "attention": env("THROTTLE_ATTENTION", default="30/min"),
    },
    # Throttles key on REMOTE_ADDR only. DRF's default (NUM_PROXIES unset) keys on the raw
    # X-Forwarded-For header, which any client can vary to dodge the per-IP and auth limits;
    # behind a proxy, Daphne's --proxy-headers puts the real client address in REMOTE_ADDR.
    "NUM_PROXIES": 0,
    "EXCEPTION_HANDLER": "apps.core.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "apps.core.api.schema.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "VideoPlanet API",
    "DESCRIPTION": "Realtime collaboration for video production teams.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.monitoring.analytics.schema.add_ingestion_path",  # a plain view DRF cannot describe
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "apps.projects.models.Project.Status",
        "PlanStatusEnum": "apps.ai_planning.models.Plan.Status",
        "AIJobStatusEnum": "apps.ai_planning.models.AIJob.Status",
        "LocaleEnum": "apps.ai_planning.models.Brief.Language",
        "MonitoringChannelKindEnum": "apps.monitoring.models.NotificationChannel.Kind",
        "SilenceKindEnum": "apps.monitoring.models.Silence.Kind",
        "VersionStatusEnum": "apps.feedbacks.models.Version.Status",
        "VersionReviewStatusEnum": "apps.feedbacks.models.Version.ReviewStatus",
        "UploadStateEnum": "apps.feedbacks.models.Upload.State",
        "ShareLinkPermissionEnum": "apps.feedbacks.models.ShareLink.Permission",
        "ReviewDecisionEnum": "apps.feedbacks.models.ReviewDecision.Decision",
        "AnalyticsSourceEnum": "apps.monitoring.analytics.report_schema.REPORT_SOURCES",
        "SourceEnum": "apps.ai_planning.models.PlanRevision.Source",
        "InvitationStateEnum": "apps.projects.models.Invitation.State",
        "NotificationKindEnum": "apps.core.notify.KIND_CHOICES",
        "NotificationModeEnum": "apps.core.notify.MODES",
        "OpsReportKindEnum": "apps.monitoring.models.OpsReport.Kind",
        "OpsReportStatusEnum": "apps.monitoring.models.OpsReport.Status",
        "ShotMapSourceEnum": "apps.ai_planning.serializers.SHOT_MAP_SOURCES",
        "ShotSizeEnum": "apps.ai_planning.planning.SHOT_SIZES",
    },
    "APPEND_COMPONENTS": {
        "schemas": {
            "ErrorEnvelope": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {
                        "type": "object",
                        "required": ["code", "message", "details", "request_id"],
                        "properties": {
                            "code": {"type": "string"},
                            "message": {"type": "string"},
                            "details": {"type": "object", "additionalProperties": True},
                            "request_id": {"type": "string"},
                        },
                    }
                },
            }
        }
    },
}
