"""Static files and uploaded media: S3 when a bucket is set, local var/ folders otherwise."""

from ._env import VAR_DIR, env, env_str

# --- static and media: S3 when a bucket is set, local var/media otherwise ---
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = env_str("MEDIA_ROOT", str(VAR_DIR / "media"))
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL", None)
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", None)
AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID", None)
AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY", None)
# SigV4 presigned URLs (browser part uploads, playback); SigV2 is refused by newer regions.
AWS_S3_SIGNATURE_VERSION = env_str("AWS_S3_SIGNATURE_VERSION", "s3v4")
AWS_DEFAULT_ACL = None
AWS_QUERYSTRING_AUTH = True
AWS_S3_FILE_OVERWRITE = False
# Uploaded files are private: every URL the API hands out is signed and expires after this
# many seconds — presigned GETs on S3, `apps.core.media` signatures on local storage.
MEDIA_URL_EXPIRY_SECONDS = env.int("MEDIA_URL_EXPIRY_SECONDS", default=3600)
AWS_QUERYSTRING_EXPIRE = MEDIA_URL_EXPIRY_SECONDS
STORAGES = {
    "default": {
        "BACKEND": "apps.core.storage.S3Storage"
        if AWS_STORAGE_BUCKET_NAME
        else "apps.core.media.SignedFileSystemStorage",
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    # Database backups: a private "backups/" prefix of the bucket, or a local folder that
    # is never served (not under MEDIA_ROOT).
    "backups": {
        "BACKEND": "apps.core.storage.S3Storage",
        "OPTIONS": {"location": "backups", "default_acl": "private", "querystring_auth": True},
    }
    if AWS_STORAGE_BUCKET_NAME
    else {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env_str("BACKUP_DIR", str(VAR_DIR / "backups"))},
    },
}
