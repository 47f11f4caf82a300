"""Rows built without the services (no Activity, StreamEvent or notification rows)."""

import datetime

import factory
from django.utils import timezone

from apps.feedbacks.models import Asset, Feedback, ShareLink, Version, WatchRecord
from apps.projects.tests.factories import ProjectFactory


class AssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Asset

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Main cut {n}")
    order = factory.Sequence(lambda n: n + 1)
    created_by = factory.LazyAttribute(lambda asset: asset.project.owner)


class VersionFactory(factory.django.DjangoModelFactory):
    """A processed version: 10 s at 25 fps (frames 0..249), 1920×1080. No file behind it
    unless a test puts one there."""

    class Meta:
        model = Version
        skip_postgeneration_save = True

    asset = factory.SubFactory(AssetFactory)
    number = factory.Sequence(lambda n: n + 1)
    original_name = "cut.mp4"
    size = 1000
    content_type = "video/mp4"
    status = Version.Status.READY
    duration = 10.0
    fps = 25.0
    frame_count = 250
    width = 1920
    height = 1080
    file = factory.LazyAttribute(lambda v: f"versions/{v.asset.pk}/cut-{v.number}.mp4")
    uploaded_by = factory.LazyAttribute(lambda v: v.asset.project.owner)

    class Params:
        processing = factory.Trait(status=Version.Status.PROCESSING, duration=None, fps=None, frame_count=None)


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback
        skip_postgeneration_save = True

    version = factory.SubFactory(VersionFactory)
    author = factory.LazyAttribute(lambda f: f.version.asset.project.owner)
    body = factory.Sequence(lambda n: f"Comment {n}")
    frame = 25
    fps = factory.LazyAttribute(lambda f: f.version.fps)
    seconds = factory.LazyAttribute(lambda f: f.frame / f.fps)


class ShareLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShareLink

    version = factory.SubFactory(VersionFactory)
    permission = ShareLink.Permission.COMMENT
    created_by = factory.LazyAttribute(lambda link: link.version.asset.project.owner)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))

    class Params:
        expired = factory.Trait(expires_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1)))
        revoked = factory.Trait(revoked_at=factory.LazyFunction(timezone.now))


class WatchRecordFactory(factory.django.DjangoModelFactory):
    """The version's owner played its first 4 s."""

    class Meta:
        model = WatchRecord

    version = factory.SubFactory(VersionFactory)
    viewer = factory.LazyAttribute(lambda record: record.version.asset.project.owner)
    ranges = factory.LazyFunction(lambda: [[0, 100]])
    watched_frames = 100
