"""Tasks through a real Celery worker process and the real Redis broker: eager mode hides
serialization differences (DESIGN §8)."""

import time
from pathlib import Path

import pytest

from tests.workers import real_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def worker(tmp_path):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    with real_worker(
        "mail", EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=str(outbox)
    ):
        yield outbox


# The file backend creates the file before it writes, and ends each message with this line.
MESSAGE_END = "-" * 79 + "\n"


def _wait_for_files(folder: Path, timeout: float = 30) -> list[Path]:
    """The outbox's files once each holds a whole message (reading on creation saw '')."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = list(folder.iterdir())
        if files and all(file.read_text().endswith(MESSAGE_END) for file in files):
            return files
        time.sleep(0.2)
    return []


def test_password_reset_email_is_delivered_by_a_real_worker(api_client, make_user, worker):
    user = make_user(email="reset-me@example.com", locale="en")
    response = api_client.post("/api/v1/auth/password/reset/", {"email": user.email}, format="json")
    assert response.status_code == 202
    files = _wait_for_files(worker)
    assert files, "the worker delivered no email"
    content = files[0].read_text()
    assert "To: reset-me@example.com" in content
    assert "Reset your password" in content
    assert "/reset-password/confirm?uid=" in content
