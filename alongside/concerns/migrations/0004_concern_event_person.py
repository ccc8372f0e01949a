"""Each step of a concern names the concern's person too, so that every row of a person's data carries their id
(ADR 51): the column is added empty, filled from the concern in one UPDATE, then required."""

import django.db.models.deletion
from django.db import migrations, models


def from_the_concern(apps, schema_editor):
    events = apps.get_model("concerns", "ConcernEvent")._meta.db_table
    concerns = apps.get_model("concerns", "Concern")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {events} SET person_id = c.person_id FROM {concerns} c "
            f"WHERE c.id = {events}.concern_id AND {events}.person_id IS NULL"
        )
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the new keys now, so the column can be altered


class Migration(migrations.Migration):
    dependencies = [
        ("concerns", "0003_mdt_news"),
        ("people", "0006_story_strengths"),
    ]

    operations = [
        migrations.AddField(
            model_name="concernevent",
            name="person",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.person",
            ),
        ),
        migrations.RunPython(from_the_concern, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="concernevent",
            name="person",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="people.person"
            ),
        ),
        migrations.AddIndex(
            model_name="concernevent",
            index=models.Index(fields=["person", "at"], name="concern_event_by_person"),
        ),
    ]
