"""Indexes for finding a person (alongside.people.search): trigrams on names, prefixes on identifiers.

The expressions here are the ones `search.py` writes into its queries (`search_name`, `search_postcode`);
PostgreSQL uses an expression index only when the query has the same expression, so change both together.
They are plain SQL, outside the model state, because Django cannot declare a trigram index on an expression
over three columns joined with spaces.
"""

from django.contrib.postgres.operations import CreateExtension, TrigramExtension
from django.db import migrations

INDEXES = {
    # "ada okafor" style matching, tolerant of typos and name order: word_similarity over all the names.
    "person_search_name_trgm": "USING gin ((lower(given_name || ' ' || family_name || ' ' || preferred_name))"
    " gin_trgm_ops)",
    # "NV1 2AB", "nv12ab" and "NV1 2": the postcode without spaces, upper case, matched by prefix.
    "person_search_postcode": "((upper(replace(postcode, ' ', ''))) text_pattern_ops)",
    # An NHS number typed in part is matched by prefix; the unique index serves the whole number.
    "person_search_nhs_number": "(nhs_number varchar_pattern_ops)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_person_record"),
    ]

    operations = [
        TrigramExtension(),
        CreateExtension("fuzzystrmatch"),  # levenshtein, for the second, looser look at names with typos
        *(
            migrations.RunSQL(
                sql=f"CREATE INDEX {name} ON people_person {definition}",
                reverse_sql=f"DROP INDEX {name}",
            )
            for name, definition in INDEXES.items()
        ),
    ]
