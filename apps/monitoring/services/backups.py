"""Database backups: pg_dump (custom format, compressed) on PostgreSQL, the SQLite online
backup API plus gzip otherwise; stored in the `backups` storage (S3 or a local folder that
is never served), recorded with size and SHA-256, pruned grandfather-father-son."""

import gzip
import hashlib
import logging
import os
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connection
from django.utils import timezone

from apps.core.errors import DomainError

from ..models import Backup

logger = logging.getLogger(__name__)


class BackupError(DomainError):
    code = "backup_failed"


def _storage():
    return storages[settings.MONITORING_BACKUP_STORAGE]


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    return args


def _dump_postgres(target: Path) -> None:
    db = connection.settings_dict
    pg_dump = shutil.which("pg_dump")
    if not pg_dump:
        raise BackupError("pg_dump is not installed on this machine.")
    result = subprocess.run(
        [
            pg_dump,
            *_pg_args(db),
            "--format=custom",
            "--compress=6",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(target),
            db["NAME"],
        ],
        env=_pg_env(db),
        capture_output=True,
        text=True,
        timeout=settings.MONITORING_BACKUP_TIMEOUT,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()[:1000]}")


def _dump_sqlite(target: Path) -> None:
    raw = target.with_suffix(".sqlite3")
    source = sqlite3.connect(str(connection.settings_dict["NAME"]))
    destination = sqlite3.connect(str(raw))
    try:
        source.backup(destination)  # consistent while others write
    finally:
        destination.close()
        source.close()
    with open(raw, "rb") as plain, gzip.open(target, "wb", compresslevel=6) as packed:
        shutil.copyfileobj(plain, packed)
    raw.unlink()


def backup_create(*, now: datetime | None = None) -> Backup:
    now = now or timezone.now()
    engine = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    backup = Backup.objects.create(engine=engine)
    suffix = ".dump" if engine == "postgresql" else ".sqlite3.gz"
    name = f"{settings.MONITORING_BACKUP_PREFIX}{now:%Y/%m/%d}/db-{now:%Y%m%dT%H%M%SZ}-{str(backup.pk)[:8]}{suffix}"
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"backup{suffix}"
        try:
            (_dump_postgres if engine == "postgresql" else _dump_sqlite)(target)
            digest = hashlib.sha256()
            with open(target, "rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
            with open(target, "rb") as handle:
                stored = _storage().save(name, File(handle))
        except Exception as exc:  # noqa: BLE001 — recorded on the row, then re-raised
            backup.status, backup.error, backup.finished_at = Backup.Status.FAILED, str(exc)[:4000], timezone.now()
            backup.save(update_fields=["status", "error", "finished_at", "updated_at"])
            logger.exception("Backup failed")
            raise
        backup.file, backup.size, backup.sha256 = stored, target.stat().st_size, digest.hexdigest()
    backup.status, backup.finished_at = Backup.Status.SUCCEEDED, timezone.now()
    backup.save(update_fields=["file", "size", "sha256", "status", "finished_at", "updated_at"])
    logger.info("Backup %s stored as %s (%s bytes)", backup.pk, backup.file, backup.size)
    return backup


def backups_to_keep(backups: list[Backup], *, daily: int = 7, weekly: int = 4, monthly: int = 12) -> set:
    """GFS: the newest backup of each of the last `daily` days, `weekly` ISO weeks and
    `monthly` months that have one."""
    keep = set()
    ordered = sorted(backups, key=lambda b: b.created_at, reverse=True)
    for key_of, limit in (
        (lambda b: b.created_at.date(), daily),
        (lambda b: tuple(b.created_at.isocalendar())[:2], weekly),
        (lambda b: (b.created_at.year, b.created_at.month), monthly),
    ):
        seen: list[object] = []
        for backup in ordered:
            key = key_of(backup)
            if key in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(key)
            keep.add(backup.pk)
    return keep


def backups_prune(*, now: datetime | None = None) -> int:
    now = now or timezone.now()
    succeeded = list(Backup.objects.filter(status=Backup.Status.SUCCEEDED))
    keep = backups_to_keep(succeeded, **settings.MONITORING_BACKUP_KEEP)
    doomed = [b for b in succeeded if b.pk not in keep]
    doomed += list(Backup.objects.filter(status=Backup.Status.FAILED, created_at__lt=now - timedelta(days=7)))
    for backup in doomed:
        if backup.file:
            try:
                _storage().delete(backup.file)
            except Exception:  # noqa: BLE001 — a missing file must not keep the row forever
                logger.warning("Could not delete backup file %s", backup.file)
        backup.delete()
    return len(doomed)


def backup_restore(*, backup: Backup, database_url: str) -> None:
    """Restore into the database at `database_url` (postgres://… or sqlite:///path). The
    file's checksum is verified first."""
    import environ

    if backup.status != Backup.Status.SUCCEEDED or not backup.file:
        raise BackupError("This backup did not complete; it cannot be restored.")
    target = environ.Env.db_url_config(database_url)
    with tempfile.TemporaryDirectory() as folder:
        local = Path(folder) / "restore"
        digest = hashlib.sha256()
        with _storage().open(backup.file, "rb") as source, open(local, "wb") as out:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != backup.sha256:
            raise BackupError("Checksum mismatch: the stored backup is damaged.")
        if backup.engine == "postgresql":
            if not target["ENGINE"].endswith("postgresql"):
                raise BackupError("A PostgreSQL backup restores into a PostgreSQL database.")
            pg_restore = shutil.which("pg_restore")
            if not pg_restore:
                raise BackupError("pg_restore is not installed on this machine.")
            result = subprocess.run(
                [
                    pg_restore,
                    *_pg_args(target),
                    "--no-owner",
                    "--no-privileges",
                    "--clean",
                    "--if-exists",
                    "--exit-on-error",
                    "--dbname",
                    target["NAME"],
                    str(local),
                ],
                env=_pg_env(target),
                capture_output=True,
                text=True,
                timeout=settings.MONITORING_BACKUP_TIMEOUT,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()[:1000]}")
        else:
            if not target["ENGINE"].endswith("sqlite3"):
                raise BackupError("A SQLite backup restores into a SQLite file.")
            with gzip.open(local, "rb") as packed, open(target["NAME"], "wb") as plain:
                shutil.copyfileobj(packed, plain)
