"""The platform's own courses, from data/courses.json, put back whenever they are missing.

Migrations 0002 and 0003 load them once. A flush empties every table (the tests' teardown of a transactional test,
which then sends post_migrate, as Django's own apps rely on): this receiver puts them back, so that no page and no
demo build ever finds the shipped courses gone. It changes nothing when they are there.
"""

import json
from pathlib import Path

from django.db import connection

COURSES = Path(__file__).resolve().parent / "data" / "courses.json"


def ensure(**kwargs) -> None:
    from .models import Course

    if Course._meta.db_table not in connection.introspection.table_names():
        return  # migrated back past the table: nothing to put back
    if Course.objects.filter(organisation=None).exists():
        return
    for course in json.loads(COURSES.read_text(encoding="utf-8")):
        Course.objects.create(
            key=course["key"],
            organisation=None,
            name=course["name"],
            covers=course["covers"],
            valid_months=course["valid_months"],
            for_roles=course.get("for_roles", []),
        )
