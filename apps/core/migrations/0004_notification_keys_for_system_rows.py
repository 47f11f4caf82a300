"""System notifications stored before they had a message key (the demo's welcome, an
operator's `notify_user` message) get one, so they too are read in their reader's language."""

from django.db import migrations


def backfill(apps, schema_editor):
    Notification = apps.get_model("core", "Notification")
    Notification.objects.filter(verb="system.welcome", key="").update(key="system.welcome", params={})
    for notification in Notification.objects.filter(verb="system.message", key="").only("pk", "title"):
        notification.key, notification.params = "system.message", {"text": notification.title}
        notification.save(update_fields=["key", "params"])


class Migration(migrations.Migration):
    dependencies = [("core", "0003_notification_key_params_email")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
