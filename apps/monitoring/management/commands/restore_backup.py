"""Restore a recorded backup into a given database:

    manage.py restore_backup <backup id> --database-url postgres://user@host:5432/scratch

The target is never guessed: restoring over the live database has to be asked for with
that database's own URL. The file's SHA-256 is checked before anything is written."""

from django.core.management.base import BaseCommand, CommandError

from apps.core.errors import DomainError
from apps.monitoring.models import Backup
from apps.monitoring.services.backups import backup_restore


class Command(BaseCommand):
    help = "Restore a backup (by id) into the database given by --database-url."

    def add_arguments(self, parser):
        parser.add_argument("backup_id")
        parser.add_argument("--database-url", required=True, help="postgres://… or sqlite:////path/file.sqlite3")

    def handle(self, *args, **options):
        backup = Backup.objects.filter(pk=options["backup_id"]).first()
        if backup is None:
            raise CommandError(f"No backup with id {options['backup_id']}.")
        try:
            backup_restore(backup=backup, database_url=options["database_url"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored backup {backup.pk} ({backup.created_at:%Y-%m-%d %H:%M})."))
