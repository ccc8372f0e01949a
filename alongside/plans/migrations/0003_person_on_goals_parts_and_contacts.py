"""Every row about one person names them (ADR 51): a goal, a document's part and a crisis contact each get the
person id of their version, added empty, filled in one UPDATE per table, then required."""

import django.db.models.deletion
from django.db import migrations, models

OF_VERSION = (("Goal", "plan_id", "PlanVersion"), ("DocumentPart", "version_id", "DocumentVersion"),
              ("DocumentContact", "version_id", "DocumentVersion"))  # fmt: skip


def from_the_version(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for name, column, version in OF_VERSION:
            table = apps.get_model("plans", name)._meta.db_table
            versions = apps.get_model("plans", version)._meta.db_table
            cursor.execute(
                f"UPDATE {table} SET person_id = v.person_id FROM {versions} v "
                f"WHERE v.id = {table}.{column} AND {table}.person_id IS NULL"
            )
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the new keys now, so the columns can be altered


def person(null: bool = False) -> models.ForeignKey:
    return models.ForeignKey(
        db_index=False, null=null, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="people.person"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_documents_and_crisis_flags"),
        ("people", "0006_story_strengths"),
    ]

    operations = [
        *(
            migrations.AddField(model_name=m, name="person", field=person(null=True))
            for m in ("goal", "documentpart", "documentcontact")
        ),
        migrations.RunPython(from_the_version, migrations.RunPython.noop),
        *(
            migrations.AlterField(model_name=m, name="person", field=person())
            for m in ("goal", "documentpart", "documentcontact")
        ),
        migrations.AddIndex(
            model_name="goal", index=models.Index(fields=["person", "plan"], name="plans_goal_by_person")
        ),
        migrations.AddIndex(
            model_name="documentpart",
            index=models.Index(fields=["person", "version"], name="plans_part_by_person"),
        ),
        migrations.AddIndex(
            model_name="documentcontact",
            index=models.Index(fields=["person", "version"], name="plans_contact_by_person"),
        ),
    ]
