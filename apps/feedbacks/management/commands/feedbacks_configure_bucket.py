"""Prepares the S3 bucket for browser uploads (DESIGN §8): CORS that lets the frontend PUT
parts and read their ETag, and a lifecycle rule that aborts multipart uploads the app's own
sweeper missed. Run once per bucket (and again when CORS_ALLOWED_ORIGINS changes)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.feedbacks import storage


class Command(BaseCommand):
    help = "Set the S3 bucket's CORS (PUT, ETag exposed) and abort-incomplete-multipart lifecycle rule."

    def add_arguments(self, parser):
        parser.add_argument("--abort-after-days", type=int, default=7)

    def handle(self, *args, abort_after_days: int, **options):
        if not storage.uses_s3():
            raise CommandError("No S3 bucket is configured (AWS_STORAGE_BUCKET_NAME).")
        backing = storage.default_storage()
        client, bucket = backing.connection.meta.client, backing.bucket_name
        client.put_bucket_cors(
            Bucket=bucket,
            CORSConfiguration={
                "CORSRules": [
                    {
                        "AllowedOrigins": list(settings.CORS_ALLOWED_ORIGINS),
                        "AllowedMethods": ["GET", "HEAD", "PUT"],
                        "AllowedHeaders": ["*"],
                        "ExposeHeaders": ["ETag"],
                        "MaxAgeSeconds": 3600,
                    }
                ]
            },
        )
        client.put_bucket_lifecycle_configuration(
            Bucket=bucket,
            LifecycleConfiguration={
                "Rules": [
                    {
                        "ID": "abort-incomplete-multipart-uploads",
                        "Status": "Enabled",
                        "Filter": {"Prefix": "versions/"},
                        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": abort_after_days},
                    }
                ]
            },
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Bucket {bucket}: CORS for {settings.CORS_ALLOWED_ORIGINS}, "
                f"incomplete uploads aborted after {abort_after_days} days."
            )
        )
