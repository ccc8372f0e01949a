"""Indexes for finding who can help (alongside.directory.finding_queries): trigrams on a service's name and
description and on an organisation's name, and where places are.

The expression here is the one `finding_queries.WORD_SQL` writes into its queries; PostgreSQL uses an
expression index only when the query has the same expression, so change both together. Plain SQL, outside the
model state, because Django cannot declare a trigram index on an expression over two columns.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "directory_service_search_trgm": "directory_service USING gin ((lower(name || ' ' || description)) gin_trgm_ops)",
    "directory_organisation_name_trgm": "directory_organisation USING gin (name gin_trgm_ops)",
    "directory_location_place": "directory_location (latitude, longitude)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_listings_added_and_reminded"),
    ]

    operations = [
        TrigramExtension(),
        *(
            migrations.RunSQL(
                sql=f"CREATE INDEX {name} ON {definition}",
                reverse_sql=f"DROP INDEX {name}",
            )
            for name, definition in INDEXES.items()
        ),
    ]
