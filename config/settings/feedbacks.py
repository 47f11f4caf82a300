"""Feedbacks: uploads, video processing, share links, comments."""

import imageio_ffmpeg

from ._env import env, env_list, env_str

# --- feedbacks: uploads, processing, share links ---
# Largest file accepted at all (multipart uploads), and largest sent as one request to
# POST assets/{id}/versions/ (bigger files go through uploads/).
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024**3)
UPLOAD_SMALL_MAX_BYTES = env.int("UPLOAD_SMALL_MAX_BYTES", default=100 * 1024**2)
UPLOAD_ALLOWED_CONTENT_TYPES = env_list(
    "UPLOAD_ALLOWED_CONTENT_TYPES",
    [
        "video/mp4",
        "video/quicktime",
        "video/webm",
        "video/x-matroska",
        "video/x-m4v",
        "video/x-msvideo",
        "video/mpeg",
        "video/mp2t",
        "video/ogg",
        "video/x-flv",
        "video/mxf",
        "video/x-ms-wmv",
        "video/3gpp",
    ],
)
# Multipart part size; never below 8 MiB (S3 wants >= 5 MiB) and grown to stay <= 10 000 parts.
UPLOAD_PART_SIZE = max(env.int("UPLOAD_PART_SIZE", default=16 * 1024**2), 8 * 1024**2)
# Presigned part URLs stay valid this long (at most an hour).
UPLOAD_URL_EXPIRY_SECONDS = min(env.int("UPLOAD_URL_EXPIRY_SECONDS", default=3600), 3600)
UPLOAD_STALE_HOURS = env.int("UPLOAD_STALE_HOURS", default=24)
FFMPEG_BINARY = env_str("FFMPEG_BINARY", None) or imageio_ffmpeg.get_ffmpeg_exe()
PROCESSING_TIMEOUT_SECONDS = env.int("PROCESSING_TIMEOUT_SECONDS", default=900)
PROCESSING_MAX_ATTEMPTS = env.int("PROCESSING_MAX_ATTEMPTS", default=3)
SHARE_LINK_DEFAULT_DAYS = env.int("SHARE_LINK_DEFAULT_DAYS", default=7)
SHARE_LINK_MAX_DAYS = env.int("SHARE_LINK_MAX_DAYS", default=90)
# Guests one share link records review attention for (distinct guest keys; a link is for one
# version). Past it new guests still watch, but their reports answer 409 share_link_guests_full.
SHARE_LINK_MAX_GUESTS = max(env.int("SHARE_LINK_MAX_GUESTS", default=200), 1)
FEEDBACK_REACTIONS = ["👍", "👎", "❤️", "🎉", "😂", "😮", "🤔", "👀", "✅", "🔥"]
