"""A review under way for the demo project (`seed_demo`), so a fresh `make run` opens on a
review room with something in it: a 20-second test-pattern clip made by the wheel's ffmpeg,
processed at once (no worker runs yet), with comments on frames and ranges, a drawing, a
mention, a reply, a reaction and a resolved internal note."""

import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File

from apps.projects.models import Role

from . import services
from .models import Version

CLIP_SECONDS = 20
CLIP_NAME = "brand-film-rough-cut-v1.mp4"


def _make_clip(path: Path) -> None:
    subprocess.run(
        [
            settings.FFMPEG_BINARY,
            *("-hide_banner", "-nostdin", "-v", "error", "-y"),
            *("-f", "lavfi", "-i", f"testsrc2=duration={CLIP_SECONDS}:size=960x540:rate=24"),
            *("-f", "lavfi", "-i", f"sine=frequency=440:duration={CLIP_SECONDS}"),
            *("-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "32"),
            *("-c:a", "aac", "-shortest", "-movflags", "+faststart", str(path)),
        ],
        check=True,
        timeout=120,
    )


def seed_demo_review(*, project, users: dict) -> Version:
    """`users` maps each Role to the demo member holding it."""
    owner, manager, editor, reviewer = (users[r] for r in (Role.OWNER, Role.MANAGER, Role.EDITOR, Role.REVIEWER))
    asset = services.asset_create(
        project=project, actor=editor, title="본편 러프컷", description="90초 본편 1차 편집본"
    )
    with tempfile.TemporaryDirectory() as directory:
        clip = Path(directory) / CLIP_NAME
        _make_clip(clip)
        with clip.open("rb") as handle:
            version = services.version_create_from_file(
                asset=asset, actor=editor, file=File(handle, name=CLIP_NAME), label="1차 편집"
            )
    version = services.version_process(version_id=version.pk)

    logo = services.feedback_create(
        version=version,
        author=reviewer,
        body="The logo disappears too quickly here. Could it stay about two seconds longer?",
        timecode_seconds=3.0,
        annotation={
            "shapes": [
                {"type": "rect", "color": "#ff453a", "stroke": 3, "x": 0.58, "y": 0.08, "w": 0.34, "h": 0.22},
                {"type": "arrow", "color": "#ffd60a", "stroke": 4, "from": [0.4, 0.5], "to": [0.57, 0.25]},
            ]
        },
    )
    services.feedback_create(
        version=version, author=editor, body="네, 로고 구간 2초 늘려서 다음 버전에 반영할게요.", parent=logo
    )
    services.reaction_add(feedback=logo, user=owner, emoji="👍")
    services.feedback_create(
        version=version,
        author=owner,
        body=f"@{editor.display_name} 이 구간 컷 전환이 튀어요. 디졸브로 부드럽게 가 봅시다.",
        timecode_seconds=7.5,
        end_timecode_seconds=9.5,
        mention_ids=[editor.pk],
    )
    typo = services.feedback_create(
        version=version,
        author=manager,
        body="자막 표기 통일: '런칭' → '론칭'. 클라이언트 가이드 기준입니다.",
        timecode_seconds=12.0,
        internal=True,
    )
    services.feedback_resolve(feedback=typo, actor=editor)
    return version
