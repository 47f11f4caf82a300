"""Backups: a PostgreSQL round trip into a scratch database and a SQLite one into a scratch
file (row counts and rows compared), the checksum guard, and GFS retention."""

import gzip
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from apps.monitoring.models import MetricPoint
from apps.monitoring.services.backups import backup_create, backups_to_keep

from .conftest import T0, make_rule, put
from .factories import BackupFactory, HostFactory

TABLES = ["monitoring_host", "monitoring_metricpoint", "monitoring_alertrule", "users_user"]


def _admin_url(name: str) -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def scratch_database():
    name = f"vp_restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_admin_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(_admin_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "backups": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    from django.core.files.storage import storages

    storages._storages.pop("backups", None)
    yield tmp_path
    storages._storages.pop("backups", None)


def _counts(url: str) -> dict:
    with psycopg.connect(url) as conn:
        return {table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in TABLES}


@pytest.mark.django_db(transaction=True)
def test_postgres_backup_restores_into_a_scratch_database(backup_dir, scratch_database, staff):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    host = HostFactory(name="db-1")
    for i in range(25):
        put(host, "cpu.percent", i, T0 + timedelta(seconds=15 * i))
    make_rule()
    backup = backup_create()
    assert (backup.status, backup.engine) == ("succeeded", "postgresql")
    assert backup.size > 0 and len(backup.sha256) == 64
    assert (backup_dir / backup.file).exists()
    target = _admin_url(scratch_database)
    call_command("restore_backup", str(backup.pk), "--database-url", target)
    assert _counts(target) == _counts(_admin_url(connection.settings_dict["NAME"]))
    assert _counts(target)["monitoring_metricpoint"] == MetricPoint.objects.count() == 25


def _sqlite_counts(path) -> dict:
    with sqlite3.connect(str(path)) as conn:
        return {table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in TABLES}


@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_restores_into_a_scratch_file(backup_dir, tmp_path, staff):
    # Runs in the SQLite pass (`env -u DATABASE_URL SQLITE_TEST_PATH=… pytest`), like the
    # PostgreSQL round trip runs in the PostgreSQL one.
    if connection.vendor != "sqlite":
        pytest.skip("needs SQLite (no DATABASE_URL)")
    source = connection.settings_dict["NAME"]
    host = HostFactory(name="db-1")
    for i in range(25):
        put(host, "cpu.percent", i, T0 + timedelta(seconds=15 * i))
    make_rule(name="Disk almost full")
    backup = backup_create()
    assert (backup.status, backup.engine) == ("succeeded", "sqlite")
    assert backup.file.endswith(".sqlite3.gz") and backup.size > 0 and len(backup.sha256) == 64
    with gzip.open(backup_dir / backup.file, "rb") as packed:
        assert packed.read(16) == b"SQLite format 3\x00"
    put(host, "cpu.percent", 99, T0 + timedelta(hours=1))  # after the backup: not in it

    target = tmp_path / "restored.sqlite3"
    call_command("restore_backup", str(backup.pk), "--database-url", f"sqlite:///{target}")
    restored = _sqlite_counts(target)
    assert restored["monitoring_metricpoint"] == 25 == MetricPoint.objects.count() - 1
    live = _sqlite_counts(source)
    assert {t: n for t, n in restored.items() if t != "monitoring_metricpoint"} == {
        t: n for t, n in live.items() if t != "monitoring_metricpoint"
    }
    with sqlite3.connect(str(target)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        values = [row[0] for row in conn.execute("SELECT value FROM monitoring_metricpoint ORDER BY ts")]
        assert values == [float(i) for i in range(25)]
        assert conn.execute("SELECT name FROM monitoring_host").fetchall() == [("db-1",)]
        assert conn.execute("SELECT name FROM monitoring_alertrule").fetchall() == [("Disk almost full",)]
        assert conn.execute("SELECT COUNT(*) FROM users_user WHERE id = ?", [staff.pk.hex]).fetchone()[0] == 1

    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="SQLite backup restores into a SQLite file"):
        call_command("restore_backup", str(backup.pk), "--database-url", "postgres://u@127.0.0.1/none")


@pytest.mark.django_db
def test_a_damaged_backup_is_refused(backup_dir):
    from django.core.management.base import CommandError

    backup = BackupFactory(file="x.dump", sha256="0" * 64)
    (backup_dir / "x.dump").write_bytes(b"not what was stored")
    with pytest.raises(CommandError, match="Checksum mismatch"):
        call_command("restore_backup", str(backup.pk), "--database-url", "postgres://u@127.0.0.1/none")
    with pytest.raises(CommandError, match="No backup"):
        call_command("restore_backup", str(uuid.uuid4()), "--database-url", "postgres://u@127.0.0.1/none")


class _B:
    def __init__(self, created_at):
        self.pk = created_at
        self.created_at = created_at


def test_gfs_keeps_daily_weekly_monthly():
    now = datetime(2026, 6, 30, 3, 0, tzinfo=UTC)
    backups = [_B(now - timedelta(days=d, hours=h)) for d in range(400) for h in (0, 1)]  # two a day
    keep = backups_to_keep(backups, daily=7, weekly=4, monthly=12)
    dailies = {now - timedelta(days=d) for d in range(7)}
    assert dailies <= keep
    assert not any(now - timedelta(days=d, hours=1) in keep for d in range(400))  # the older of each day goes
    months = {(k.year, k.month) for k in keep}
    assert len(months) == 12
    assert len(keep) <= 7 + 4 + 12
    assert min(keep) > now - timedelta(days=366)
