"""The one authorisation matrix: every app's rows (alongside/<app>/tests/authorisation.py), each cell checked.

A row is one kind of user in one state of a subject (a person, a referral, a team), with what each of the app's
endpoints should answer them by the care model; the machinery (machinery.py) builds the state, signs the user
in and calls the endpoints in the order the app lists them. Refusals are also checked to look exactly like a
missing subject, doing the same work.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.core.models import AuditEvent

from .machinery import SUBJECTS, WORLDS, call, tables


def rows():
    for app, table in tables().items():
        for subject, state, user, cells in table.ROWS:
            yield pytest.param(app, subject, state, user, cells, id=f"{app}-{state}-{user}")


@pytest.mark.parametrize(("app", "subject", "state", "user", "wanted"), list(rows()))
def test_authorisation_matrix(app, subject, state, user, wanted, member, client, db):
    table = tables()[app]
    users = table.USERS if isinstance(table.USERS, dict) else {}
    world = WORLDS[subject](state, user, users, member)
    if world.user is not None:
        client.force_login(world.user)
    refused = getattr(table, "REFUSED", (403, 404))
    got = {name: call(client, table.ENDPOINTS[name], world, refused) for name in table.ENDPOINTS if name in wanted}
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
    someone_elses = SUBJECTS[subject]()
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
