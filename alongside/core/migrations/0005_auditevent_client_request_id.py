from django.db import migrations, models


class Migration(migrations.Migration):
    """The request id is the server's; an id a client sends is kept beside it, never in its place."""

    dependencies = [("core", "0004_message_idempotentrequest")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="request_id",
            field=models.CharField(blank=True, help_text="Made by the server, one per request", max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="client_request_id",
            field=models.CharField(
                blank=True,
                db_default="",
                help_text="The id a client sent in X-Request-ID, kept as given",
                max_length=64,
            ),
        ),
    ]
