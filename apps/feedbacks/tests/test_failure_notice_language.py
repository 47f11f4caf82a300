"""A failed version's notice gives the reason in its reader's language (the failure code's
label), not the English detail kept on the version."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from apps.core.notify import PARAM_LABELS
from apps.feedbacks import services
from apps.feedbacks.models import Version
from apps.users.services import token_pair_for

from .conftest import put_file
from .factories import VersionFactory

pytestmark = pytest.mark.django_db


def test_every_failure_code_in_the_code_has_a_label():
    """The codes a version fails with: every `MediaError("<code>", …)` and every literal
    `version_mark_failed(…, code="<code>")` under apps/feedbacks."""
    codes = set()
    for path in (Path(settings.BASE_DIR) / "apps" / "feedbacks").rglob("*.py"):
        if "tests" not in path.parts:
            text = path.read_text()
            codes |= set(re.findall(r'MediaError\(\s*"(\w+)"', text))
            codes |= set(re.findall(r'version_mark_failed\([^)]*code="(\w+)"', text))
    assert {"empty_file", "undecodable", "processing_gave_up"} <= codes  # the scan finds them
    assert codes == set(PARAM_LABELS["reason"])


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_review_room_names_every_failure_code_too(language):
    """The room shows a failed version's reason from the web app's own messages."""
    messages = Path(settings.BASE_DIR) / "frontend/src/shared/i18n/messages" / language / "review.json"
    shown = json.loads(messages.read_text())["review"]["failureReason"]
    assert set(shown) == set(PARAM_LABELS["reason"])
    assert all(text.strip() for text in shown.values())


def test_a_failed_version_is_told_in_the_uploaders_language(media_root):
    version = put_file(media_root, VersionFactory(processing=True, original_name="clip.mp4"), b"")
    services.version_process(version_id=version.pk)
    version.refresh_from_db()
    assert (version.status, version.failure_code) == (Version.Status.FAILED, "empty_file")
    uploader = version.uploaded_by
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(uploader)['access']}")
    title = f"{version.asset.title} v{version.number}"

    (korean,) = client.get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="ko").json()["results"]
    assert korean["title"] == f"{title} 처리 실패: 빈 파일입니다(0바이트)"

    assert client.patch("/api/v1/users/me/", {"locale": "en"}, format="json").status_code == 200
    (english,) = client.get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert english["title"] == f"{title} failed: the file is empty (0 bytes)"
