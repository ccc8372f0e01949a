"""Reading the team's outcomes: who the team's people are, and each one's first and latest measure in a period.

The team's people are its caseload: everyone with an active team-caseload relationship with the team (as
continuity's caseload reads it, alongside.people's CareRelationship). Individual members' own relationships are
not added: a person on a worker's list is on their team's caseload too, and a team report should not change when
a worker moves.

`first_and_latest` is one query whatever the size of the team: PostgreSQL orders each person's answers to each
instrument in the period once, keeps the first and the latest (their totals; for goals, the mean of the goals
rated), drops anyone measured only once, and hands back one array of firsts and one of latests per instrument,
for team.report to judge in a numpy batch. No names and no person's id leave the database.
"""

from datetime import datetime

import numpy as np
from django.db import connection
from numpy.typing import NDArray

from alongside.core import audit
from alongside.partners import roles
from alongside.partners.models import Team
from alongside.people.models import CareRelationship
from alongside.people.policy import RelationshipKind

from .instruments import Instrument
from .models import Response

VIEWED = "team_outcomes_viewed"

PAIRS = """
WITH measured AS (
    SELECT r.instrument, r.person_id, r.completed_at, r.id,
           CASE WHEN r.total IS NOT NULL THEN r.total
                ELSE (SELECT avg(value::float) FROM jsonb_each_text(r.items)) END AS value
    FROM {responses} r
    WHERE r.person_id IN ({caseload})
      AND r.completed_at >= %s AND r.completed_at < %s
      AND r.instrument = ANY(%s)
), pairs AS (
    SELECT instrument, person_id,
           (array_agg(value ORDER BY completed_at, id))[1] AS first,
           (array_agg(value ORDER BY completed_at DESC, id DESC))[1] AS latest
    FROM measured
    WHERE value IS NOT NULL
    GROUP BY instrument, person_id
    HAVING count(*) >= 2
)
SELECT instrument, array_agg(first), array_agg(latest) FROM pairs GROUP BY instrument
"""


def teams_for(request) -> list[Team]:
    """The teams whose outcomes the user may see: those they lead or give care in, by name."""
    return roles.teams_where(request, roles.CARE_ROLES)


def caseload(team_id: int, at: datetime | None = None):
    """The ids of the people on the team's caseload now, as a subquery."""
    return (
        CareRelationship.objects.active(at)
        .filter(team_id=team_id, kind=RelationshipKind.TEAM_CASELOAD)
        .values("person_id")
    )


def first_and_latest(
    team_id: int, start: datetime, end: datetime, codes: list[str]
) -> dict[str, tuple[NDArray[np.float64], NDArray[np.float64]]]:
    """By instrument: the first and the latest measure, in the period, of each of the team's people measured twice
    or more in it (one query)."""
    caseload_sql, caseload_params = caseload(team_id).query.sql_with_params()
    sql = PAIRS.format(responses=Response._meta.db_table, caseload=caseload_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*caseload_params, start, end, codes])
        found = cursor.fetchall()
    return {
        code: (np.asarray(firsts, dtype=np.float64), np.asarray(latests, dtype=np.float64))
        for code, firsts, latests in found
    }


def stored_answers(instrument: Instrument, person_ids=None) -> NDArray[np.float64]:
    """Every stored response to `instrument` (of these people, a subquery of ids, or of everyone) as a matrix: one
    row per response in the order they were stored, one column per scored question in the instrument's order, NaN
    where unanswered; ready for scoring.score_totals.

    PostgreSQL writes the numbers out in one binary COPY, every field an 8-byte float (NaN for no answer), so each
    row is the same length and numpy reads the whole answer as one array without parsing: a million responses take
    seconds, not the minutes that decoding each one's JSON in Python would."""
    link_ids = _plain(instrument.items)
    columns = ", ".join(f"COALESCE((answers->>'{link_id}')::float8, 'NaN')" for link_id in link_ids)
    where, params = "instrument = %s", [instrument.code]
    if person_ids is not None:
        ids_sql, ids_params = person_ids.query.sql_with_params()
        where, params = f"{where} AND person_id IN ({ids_sql})", [*params, *ids_params]
    # Only the product's own linkIds (checked by _plain), its table's name and Django's own compiled SQL are put
    # into the text; every value is a bound parameter.
    sql = f"SELECT {columns} FROM {Response._meta.db_table} WHERE {where} ORDER BY id"  # noqa: S608
    with connection.cursor() as cursor:
        query = connection.ops.compose_sql(sql, params)
        with cursor.cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT binary)") as copy:
            data = b"".join(bytes(block) for block in copy)
    # PostgreSQL's binary COPY: a 19-byte header, then each row as its field count (2 bytes) and each field's
    # length (4 bytes, always 8 here) and value, big-endian; then a 2-byte trailer.
    row = np.dtype(
        [("fields", ">i2"), *(f for i in range(len(link_ids)) for f in ((f"n{i}", ">i4"), (f"v{i}", ">f8")))]
    )
    rows = np.frombuffer(data[19:-2], dtype=row) if len(data) > 21 else np.empty(0, dtype=row)
    return np.column_stack([rows[f"v{i}"].astype(np.float64) for i in range(len(link_ids))]).reshape(-1, len(link_ids))


def _plain(link_ids) -> list[str]:
    """Link ids come from the product's own definitions; refuse any that could not sit in a quoted SQL string."""
    if any(not link_id.replace("-", "").replace("_", "").isalnum() for link_id in link_ids):
        raise ValueError("a linkId that is not letters, digits, hyphens and underscores")
    return list(link_ids)


def record_viewed(request, team: Team, period: str) -> None:
    """The report shows no one's data, only counts; its viewing is kept for information governance."""
    audit.record(request, VIEWED, object_type="team", object_id=team.pk, detail={"period": period})
