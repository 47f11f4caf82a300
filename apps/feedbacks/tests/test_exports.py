"""CSV (Excel-friendly) and CMX3600 EDL markers with exact frame timecodes."""

import csv
import io

import pytest
from django.utils import timezone

from apps.core.tests.assertions import assert_error
from apps.feedbacks.tests.factories import FeedbackFactory, VersionFactory
from apps.projects.models import Role

from .conftest import url

pytestmark = pytest.mark.django_db


def export(review, version=None, **query):
    version = version or review.version
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return review.client(Role.VIEWER).get(url("version-feedback-export", version_id=version.pk) + f"?{params}")


def edl_events(text: str) -> list[tuple[str, str]]:
    """(event line, marker line) pairs."""
    lines = text.split("\r\n")
    return [(lines[i], lines[i + 1]) for i, line in enumerate(lines) if line[:3].isdigit()]


def test_edl_markers_sit_on_the_exact_frames(review):
    owner = review.users[Role.OWNER]
    FeedbackFactory(version=review.version, frame=0, author=owner, body="첫 프레임")
    FeedbackFactory(version=review.version, frame=249, author=owner, body="마지막 프레임")
    FeedbackFactory(version=review.version, frame=112, end_frame=137, author=owner, body="구간 | 파이프\n줄바꿈")

    response = export(review, format="edl")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "filename*=UTF-8''" in response["Content-Disposition"] and ".edl" in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith("TITLE: 메인 편집본 v1\r\nFCM: NON-DROP FRAME\r\n")
    assert edl_events(text) == [
        (
            "001  001      V     C        00:00:00:00 00:00:00:01 00:00:00:00 00:00:00:01  ",
            " |C:ResolveColorRed |M:Owner: 첫 프레임 |D:1",
        ),
        (
            "002  001      V     C        00:00:01:00 00:00:01:01 00:00:01:00 00:00:01:01  ",
            " |C:ResolveColorRed |M:reviewer: 컷 전환이 빨라요 |D:1",
        ),
        (
            "003  001      V     C        00:00:04:12 00:00:05:13 00:00:04:12 00:00:05:13  ",
            " |C:ResolveColorRed |M:Owner: 구간 파이프 줄바꿈 |D:26",
        ),
        (
            "004  001      V     C        00:00:09:24 00:00:10:00 00:00:09:24 00:00:10:00  ",
            " |C:ResolveColorRed |M:Owner: 마지막 프레임 |D:1",
        ),
    ]


def test_edl_at_29_97_with_a_one_hour_start(review):
    ntsc = VersionFactory(asset=review.asset, number=2, fps=30000 / 1001, duration=120.0, frame_count=3597)
    FeedbackFactory(version=ntsc, frame=1799, body="a", resolved_at=timezone.now())
    FeedbackFactory(version=ntsc, frame=3596, body="b", internal=True)

    text = export(review, version=ntsc, format="edl", start="01:00:00:00").content.decode()

    assert edl_events(text) == [
        (
            "001  001      V     C        01:00:59:29 01:01:00:00 01:00:59:29 01:01:00:00  ",
            " |C:ResolveColorGreen |M:Owner: a |D:1",
        ),
        (
            "002  001      V     C        01:01:59:26 01:01:59:27 01:01:59:26 01:01:59:27  ",
            " |C:ResolveColorPurple |M:Owner: b |D:1",
        ),
    ]


def test_edl_filters_and_bad_start(review):
    FeedbackFactory(version=review.version, frame=5, internal=True)
    FeedbackFactory(version=review.version, frame=6, resolved_at=timezone.now())

    assert len(edl_events(export(review, format="edl").content.decode())) == 3
    assert len(edl_events(export(review, format="edl", include_internal="false").content.decode())) == 2
    assert len(edl_events(export(review, format="edl", include_resolved="false").content.decode())) == 2
    assert_error(export(review, format="edl", start="1:00"), 400, "validation_error", details={"start"})
    assert_error(export(review, format="edl", start="00:00:00:25"), 400, "validation_error", details={"start"})


def test_csv_has_a_bom_replies_and_defused_formulas(review):
    FeedbackFactory(
        version=review.version, parent=review.feedback, author=review.users[Role.EDITOR], body="=HYPERLINK(1)"
    )
    FeedbackFactory(version=review.version, frame=200, author=None, guest_name="Client", body='좋습니다, "확정"')

    response = export(review, format="csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:8] == ["#", "reply_to", "timecode_in", "timecode_out", "frame", "seconds", "author", "comment"]
    assert rows[1][:8] == ["1", "", "00:00:01:00", "", "25", "1.000", "reviewer", "컷 전환이 빨라요"]
    assert rows[2][:8] == ["", "1", "00:00:01:00", "", "25", "1.000", "editor", "'=HYPERLINK(1)"]
    assert rows[3][:8] == ["2", "", "00:00:08:00", "", "200", "8.000", "Client (guest)", '좋습니다, "확정"']


def test_default_format_is_csv_and_unknown_is_400(review):
    assert export(review).content.startswith(b"\xef\xbb\xbf")
    assert_error(export(review, format="xml"), 400, "validation_error", details={"format"})


def test_export_of_a_version_not_ready_is_409(review):
    processing = VersionFactory(asset=review.asset, number=2, processing=True)
    assert_error(export(review, version=processing, format="edl"), 409, "version_not_ready")
