"""The platform's own courses, from data/courses.json (the file, not this migration, says what they are)."""

import json
from pathlib import Path

from django.db import migrations

COURSES = Path(__file__).resolve().parent.parent / "data" / "courses.json"
FIELDS = ("key", "name", "covers", "valid_months")  # the fields a course had then; 0003 adds who it is for


def ship(apps, schema_editor):
    Course = apps.get_model("training", "Course")
    for course in json.loads(COURSES.read_text()):
        known = {field: course[field] for field in FIELDS}
        Course.objects.update_or_create(key=course["key"], defaults={**known, "organisation": None})


def unship(apps, schema_editor):
    Course = apps.get_model("training", "Course")
    Course.objects.filter(organisation=None, records=None).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]
    operations = [migrations.RunPython(ship, unship)]
