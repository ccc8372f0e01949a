"""Every row about one person names them (ADR 51). An action and an invitation each get the person id of their
item: added empty, filled in one UPDATE per table, then required. Attendance loses its item: which item an invitee
came for is on their invitation, so attendance is about the meeting only."""

import django.db.models.deletion
from django.db import migrations, models


def from_the_item(apps, schema_editor):
    items = apps.get_model("mdt", "Item")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        for name in ("Action", "Invitation"):
            table = apps.get_model("mdt", name)._meta.db_table
            cursor.execute(
                f"UPDATE {table} SET person_id = i.person_id FROM {items} i "
                f"WHERE i.id = {table}.item_id AND {table}.person_id IS NULL"
            )
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the new keys now, so the columns can be altered


def person(null: bool = False) -> models.ForeignKey:
    return models.ForeignKey(
        db_index=False, null=null, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="people.person"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("mdt", "0001_initial"),
        ("people", "0006_story_strengths"),
    ]

    operations = [
        migrations.AddField(model_name="action", name="person", field=person(null=True)),
        migrations.AddField(model_name="invitation", name="person", field=person(null=True)),
        migrations.RunPython(from_the_item, migrations.RunPython.noop),
        migrations.AlterField(model_name="action", name="person", field=person()),
        migrations.AlterField(model_name="invitation", name="person", field=person()),
        migrations.AddIndex(
            model_name="action", index=models.Index(fields=["person", "due"], name="mdt_action_by_person")
        ),
        migrations.AddIndex(
            model_name="invitation", index=models.Index(fields=["person", "at"], name="mdt_invitation_by_person")
        ),
        migrations.RemoveField(model_name="attendance", name="item"),
    ]
