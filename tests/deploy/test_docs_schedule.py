"""The docs say how often beat runs each periodic task, and they say what the settings do:
every "`task` … every N s/min/h", "`task` every `VAR` seconds (N)", "`task` (hourly …)"
in README.md, docs/*.md and the apps' *.md is checked against CELERY_BEAT_SCHEDULE (with
the variables at their defaults). And every variable of .env.example is read by the code."""

import re
from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings

from tests.deploy.test_env_docs import example

ROOT = settings.BASE_DIR
UNITS = {"s": 1, "sec": 1, "seconds": 1, "min": 60, "minutes": 60, "h": 3600, "hours": 3600}
WORDS = {"hourly": 3600, "daily": 86400, "nightly": 86400}
# After a task's name, within the same clause: "every 10 s", "every `VAR` seconds (15)",
# "every `VAR` h, default 24", "hourly".
STATED = re.compile(
    r"^[^.;:]{0,25}?(?:every\s+(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>s|sec|seconds|min|minutes|h|hours)\b"
    r"|every\s+`(?P<var>[A-Z][A-Z0-9_]*)`\s*(?P<varunit>s|seconds|h|hours)?[^()\d]{0,12}\(?(?P<default>\d+)"
    r"|\b(?P<word>hourly|daily|nightly)\b)"
)


def docs() -> list:
    files = {ROOT / "README.md", *ROOT.glob("docs/*.md"), *ROOT.glob("apps/*/*.md"), *ROOT.glob("apps/*/*/*.md")}
    return sorted(files)


def period_seconds(schedule) -> float:
    if isinstance(schedule, timedelta):
        return schedule.total_seconds()
    if isinstance(schedule, crontab):
        assert len(schedule.minute) == 1, schedule
        if len(schedule.day_of_month) == 1:  # monthly (the operations report): about 30 days
            return 30 * 86400 / len(schedule.hour)
        if len(schedule.day_of_week) == 1:  # weekly
            return 7 * 86400 / len(schedule.hour)
        assert len(schedule.day_of_week) == 7, schedule
        return 86400 / len(schedule.hour)
    return float(schedule)


def beat_periods() -> dict[str, float]:
    return {
        entry["task"].rsplit(".", 1)[-1]: period_seconds(entry["schedule"])
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }


def statements() -> list[tuple[str, str, float, str]]:
    """(file, task, seconds the docs state, the words) for every stated interval."""
    periods = beat_periods()
    found = []
    for path in docs():
        text = re.sub(r"\s+", " ", path.read_text())
        for task in periods:
            for mention in re.finditer(rf"`{task}`", text):
                match = STATED.match(text[mention.end() : mention.end() + 160])
                if not match:
                    continue
                if match["word"]:
                    seconds = WORDS[match["word"]]
                elif match["var"]:
                    seconds = float(match["default"]) * UNITS[match["varunit"] or "s"]
                else:
                    seconds = float(match["n"]) * UNITS[match["unit"]]
                found.append((str(path.relative_to(ROOT)), task, seconds, match.group(0).strip()))
    return found


def test_the_docs_state_beat_intervals_that_the_schedule_has():
    periods = beat_periods()
    found = statements()
    # The parser still finds what the docs say (a reworded sentence must not pass silently).
    assert {task for _, task, _, _ in found} >= {
        "rollup_metrics",
        "collect_metrics",
        "sweep_deliveries",
        "detect_anomalies",
        "backup_database",
        "analytics_tick",
        "analytics_rollup",
        "analytics_prune",
        "ai_jobs_sweep",
        "feedback_triage_flush_due",
        "notification_emails_due",
    }
    wrong = [(file, task, words, periods[task]) for file, task, seconds, words in found if seconds != periods[task]]
    assert wrong == [], "docs state another interval than CELERY_BEAT_SCHEDULE (file, task, words, seconds)"


@pytest.mark.parametrize(
    ("interval", "hour", "hours"), [("24", "3", {3}), ("6", "3", {3, 9, 15, 21}), ("8", "20", {4, 12, 20})]
)
def test_backup_interval_hours_sets_the_backup_schedule(interval, hour, hours):
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings; "
        "s = settings.CELERY_BEAT_SCHEDULE['monitoring-backup']['schedule']; print(sorted(s.hour), sorted(s.minute))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **__import__("os").environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "BACKUP_INTERVAL_HOURS": interval,
            "BACKUP_HOUR_UTC": hour,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert out.strip() == f"{sorted(hours)} [0]"


# Where the code reads its environment (not docs, not the manifests' lists of values).
CODE = ["config", "apps", "scripts", "deploy/entrypoint.sh", "frontend/src", "frontend/next.config.ts", "manage.py"]
CODE_SUFFIXES = {".py", ".sh", ".ts", ".tsx", ".mjs", ".js"}


def test_every_variable_of_env_example_is_read_by_the_code():
    sources = []
    for entry in CODE:
        path = ROOT / entry
        files = [path] if path.is_file() else [f for f in path.rglob("*") if f.suffix in CODE_SUFFIXES]
        sources += [
            f.read_text(errors="ignore")
            for f in files
            if f.is_file()
            and "tests" not in f.parts
            and "node_modules" not in f.parts
            and not f.name.endswith(".test.ts")
        ]
    code = "\n".join(sources)
    unread = [name for name in example() if not re.search(rf"(?<![A-Z0-9_]){name}(?![A-Z0-9_])", code)]
    assert unread == [], "listed in .env.example but read nowhere: remove it or wire it"
