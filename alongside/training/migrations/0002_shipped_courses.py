"""The platform's own courses, from data/courses.json (the file, not this migration, says what they are)."""

import json
from pathlib import Path

from django.db import migrations

COURSES = Path(__file__).resolve().parent.parent / "data" / "courses.json"


def ship(apps, schema_editor):
    Course = apps.get_model("training", "Course")
    for course in json.loads(COURSES.read_text()):
        Course.objects.update_or_create(key=course["key"], defaults={**course, "organisation": None})


def unship(apps, schema_editor):
    Course = apps.get_model("training", "Course")
    Course.objects.filter(organisation=None, records=None).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]
    operations = [migrations.RunPython(ship, unship)]
