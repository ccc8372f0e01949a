"""The one authorisation matrix: every app's rows (alongside/<app>/tests/authorisation.py), each cell checked.

A row is one kind of user in one state of a subject (a person, a referral, a team), with what each of the app's
endpoints should answer them by the care model; the machinery (machinery.py) builds the state, signs the user
in and calls the endpoints in the order the app lists them, every app's rows for that user and state together.
Refusals are also checked to look exactly like a missing subject, doing the same work.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.core.models import AuditEvent

from .machinery import call, subjects, tables, worlds


def rows():
    """One test per subject, state and kind of user, checking every app's rows for them in one state: the
    machinery builds the state once, not once per app. A row marked as a known defect is a test of its own."""
    together: dict[tuple, list] = {}
    for app, table in tables().items():
        for subject, state, user, cells, *defect in table.ROWS:
            together.setdefault((subject, state, user, *defect), []).append((app, cells))
    for (subject, state, user, *defect), parts in together.items():
        marks = [pytest.mark.xfail(strict=True, reason=f"defect: {defect[0]}")] if defect else []
        name = f"{subject}-{state}-{user}" + ("-defect" if defect else "")
        yield pytest.param(subject, state, user, parts, id=name, marks=marks)


def _users(parts) -> dict:
    """The kinds of user the apps' `USERS` name (role, team), for a referral's or a team's states."""
    found: dict = {}
    for app, _cells in parts:
        users = tables()[app].USERS
        if isinstance(users, dict):
            assert all(found.get(kind, how) == how for kind, how in users.items()), f"{app} names users differently"
            found |= users
    return found


def _when(endpoint: dict) -> int:
    return 2 if endpoint.get("last") else 1 if endpoint.get("answer") == "changed" else 0


def _makers(parts) -> dict:
    return {name: make for app, _cells in parts for name, make in getattr(tables()[app], "MAKERS", {}).items()}


@pytest.mark.parametrize(("subject", "state", "user", "parts"), list(rows()))
def test_authorisation_matrix(subject, state, user, parts, member, client, db):
    world = worlds()[subject](state, user, _users(parts), member)
    world.makers = world.makers | _makers(parts)
    if world.user is not None:
        client.force_login(world.user)
    # each app's endpoints in the order it lists them; changes after, and what ends the user's access last
    plan = [(app, name, cells) for app, cells in parts for name in tables()[app].ENDPOINTS if name in cells]
    plan.sort(key=lambda step: _when(tables()[step[0]].ENDPOINTS[step[1]]))
    got, wanted = {}, {}
    for app, name, cells in plan:
        table = tables()[app]
        refused = getattr(table, "REFUSED", (403, 404))
        got[f"{app}:{name}"] = call(client, table.ENDPOINTS[name], world, refused)
        wanted[f"{app}:{name}"] = cells[name]
    assert got == wanted


def refused_like_missing():
    for app, table in tables().items():
        for subject, path in getattr(table, "REFUSED_LIKE_MISSING", ()):
            yield pytest.param(subject, path, id=f"{app}-{path}")


@pytest.mark.parametrize(("subject", "path"), list(refused_like_missing()))
def test_a_refusal_looks_and_works_exactly_like_something_missing(subject, path, member, client):
    """Out of scope and missing take one path: the same answer, the same queries and one audit row each, so
    neither answer nor timing says whether something exists. A missing id is audited as the object asked for,
    never as a person."""
    client.force_login(member("clinician"))
    someone_elses = subjects()[subject]()
    missing = someone_elses.pk + 1000
    counts, answers = {}, {}
    for pk in (someone_elses.pk, missing):
        before = AuditEvent.objects.count()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path.format(pk=pk))
        assert response.status_code == 404
        assert AuditEvent.objects.count() == before + 1
        counts[pk], answers[pk] = len(queries), response.content
    assert counts[someone_elses.pk] == counts[missing]
    assert answers[someone_elses.pk] == answers[missing]
    denied = AuditEvent.objects.filter(action__startswith="denied:").order_by("pk")
    person_id = someone_elses.pk if subject == "person" else getattr(someone_elses, "person_id", None)
    assert [(e.person_id, e.object_id) for e in denied] == [
        (person_id, str(someone_elses.pk)),
        (None, str(missing)),
    ]
