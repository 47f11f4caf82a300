from django.db import migrations, models


class Migration(migrations.Migration):
    """Everyone who has an account today keeps signing in: the column is added with
    True for existing rows, then new rows default to unverified (self-registration)."""

    dependencies = [
        ("users", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="email_verified",
            field=models.BooleanField(default=True),
        ),
        migrations.AlterField(
            model_name="user",
            name="email_verified",
            field=models.BooleanField(default=False),
        ),
    ]
