"""Reading the team's outcomes: who the team's people are, and each one's first and latest measure in a period.

The team's people are its caseload: everyone with an active team-caseload relationship with the team (as
continuity's caseload reads it, alongside.people's CareRelationship). Individual members' own relationships are
not added: a person on a worker's list is on their team's caseload too, and a team report should not change when
a worker moves.

`first_and_latest` is one query whatever the size of the team: PostgreSQL finds the team's people's answers in the
period and hands them back as one block of numbers (who, which instrument, when, the value: the total, or for goals
the mean of the goals rated); numpy keeps each person's first and latest per instrument and drops anyone measured
only once (team.first_and_latest), for team.report to judge in a batch. No names leave the database; the people's
ids are used only to group their answers, and go no further than this module's caller.
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

from . import team
from .instruments import Instrument
from .models import Response

VIEWED = "team_outcomes_viewed"

# Each answer of the team's people in the period, as 24 bytes: who and which instrument (the person's id times 1024
# plus the instrument's place in the list asked for, from 1), when (seconds), its id, and its value (the total; for
# goals, the mean of the goals rated; NaN for none), joined into one value that numpy reads without parsing
# (team.first_and_latest groups them). Each field costs PostgreSQL time on every row, so there are as few as can be.
ANSWERS = """
SELECT string_agg(
    int8send(r.person_id * 1024 + array_position(%s::text[], r.instrument::text))
    || float8send(date_part('epoch', r.completed_at)) || int8send(r.id::int8)
    || float8send(COALESCE(r.total, (SELECT avg(value::float8) FROM jsonb_each_text(r.items)), 'NaN')),
    ''::bytea)
FROM {responses} r
WHERE r.person_id IN ({caseload}) AND r.completed_at >= %s AND r.completed_at < %s AND r.instrument = ANY(%s)
"""
ANSWER = np.dtype([("who", ">i8"), ("at", ">f8"), ("id", ">i8"), ("value", ">f8")])
INSTRUMENTS_AT_MOST = 1023


def teams_for(request) -> list[Team]:
    """The teams whose outcomes the user may see: those they lead or give care in, by name. A volunteer hub has no
    caseload, so no outcomes of its own: its coordinators are not offered an empty page."""
    return [t for t in roles.teams_where(request, roles.CARE_ROLES) if t.kind != Team.Kind.VOLUNTEER_HUB]


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
    or more in it. One query, whatever the size of the team; the grouping is numpy's (team.first_and_latest)."""
    if len(codes) > INSTRUMENTS_AT_MOST:
        raise ValueError(f"at most {INSTRUMENTS_AT_MOST} instruments at once")
    caseload_sql, caseload_params = caseload(team_id).query.sql_with_params()
    sql = ANSWERS.format(responses=Response._meta.db_table, caseload=caseload_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, [codes, *caseload_params, start, end, codes])
        data = cursor.fetchone()[0]
    rows = np.frombuffer(bytes(data), dtype=ANSWER) if data else np.empty(0, dtype=ANSWER)
    who = rows["who"].astype(np.int64)
    return team.first_and_latest(
        who // 1024, (who % 1024).astype(np.int32), rows["at"], rows["id"], rows["value"], codes
    )


CHUNK = 500_000  # responses read at once: 36 MB of numbers for PHQ-9, well within PostgreSQL's 1 GB for a value


def stored_answers(instrument: Instrument, person_ids=None) -> NDArray[np.float64]:
    """Every stored response to `instrument` (of these people, a subquery of ids, or of everyone) as a matrix: one
    row per response in the order they were stored, one column per scored question in the instrument's order, NaN
    where unanswered; ready for scoring.score_totals.

    PostgreSQL takes each answer out of the JSON and writes it as an 8-byte float (`float8send`, NaN for none), and
    joins them all into one value, a chunk of responses at a time; numpy reads that as an array without parsing
    anything. So a million responses take seconds, not the minutes that decoding each one's JSON in Python would."""
    link_ids = _plain(instrument.items)
    numbers = " || ".join(f"float8send(COALESCE((answers->>'{link_id}')::float8, 'NaN'))" for link_id in link_ids)
    where, params = "instrument = %s", [instrument.code]
    if person_ids is not None:
        ids_sql, ids_params = person_ids.query.sql_with_params()
        where, params = f"{where} AND person_id IN ({ids_sql})", [*params, *ids_params]
    # Only the product's own linkIds (checked by _plain), its table's name and Django's own compiled SQL are put
    # into the text; every value is a bound parameter.
    sql = (
        f"SELECT string_agg(numbers, ''::bytea ORDER BY id), max(id) FROM ("  # noqa: S608
        f"SELECT id, {numbers} AS numbers FROM {Response._meta.db_table} WHERE {where} AND id > %s "
        f"ORDER BY id LIMIT {CHUNK}) AS chunk"
    )
    chunks, after = [], 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(sql, [*params, after])
            data, last = cursor.fetchone()
            if last is None:
                break
            chunks.append(np.frombuffer(bytes(data), dtype=">f8"))
            after = last
    found = np.concatenate(chunks).astype(np.float64) if chunks else np.empty(0)
    return found.reshape(-1, len(link_ids))


def _plain(link_ids) -> list[str]:
    """Link ids come from the product's own definitions; refuse any that could not sit in a quoted SQL string."""
    if any(not link_id.replace("-", "").replace("_", "").isalnum() for link_id in link_ids):
        raise ValueError("a linkId that is not letters, digits, hyphens and underscores")
    return list(link_ids)


def record_viewed(request, team: Team, period: str) -> None:
    """The report shows no one's data, only counts; its viewing is kept for information governance."""
    audit.record(request, VIEWED, object_type="team", object_id=team.pk, detail={"period": period})
