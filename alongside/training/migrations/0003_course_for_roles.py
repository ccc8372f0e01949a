"""Who each course is for: a list of staff roles, empty for everyone. The shipped courses take theirs from
data/courses.json (volunteer risk awareness: community coordinators only)."""

import json
from pathlib import Path

import django.contrib.postgres.fields
from django.db import migrations, models

COURSES = Path(__file__).resolve().parent.parent / "data" / "courses.json"


def aim(apps, schema_editor):
    Course = apps.get_model("training", "Course")
    for course in json.loads(COURSES.read_text()):
        Course.objects.filter(organisation=None, key=course["key"]).update(for_roles=course.get("for_roles", []))


class Migration(migrations.Migration):
    dependencies = [("training", "0002_shipped_courses")]

    operations = [
        migrations.AddField(
            model_name="course",
            name="for_roles",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=30),
                blank=True,
                default=list,
                help_text="The staff roles the course is for; empty: everyone",
                size=None,
            ),
        ),
        migrations.RunPython(aim, migrations.RunPython.noop),
    ]
