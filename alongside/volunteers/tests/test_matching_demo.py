"""The demo borough allocates volunteers' clients by GP practice (Living Well): each volunteer's clients are
registered with a practice they cover, the 'volunteer' login's with practice 0 (person 0 among them)."""

from collections import defaultdict
from datetime import UTC, datetime

from alongside.demo import borough

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_each_volunteers_clients_are_registered_with_a_practice_they_cover():
    plan = borough.plan_borough(2026)
    staff = borough.Staffing(plan)
    people = list(borough.generate_borough(2026, 2000, NOW, plan=plan))
    position = {username: i for i, username in enumerate(staff.volunteers)}
    clients = defaultdict(set)
    for index, (row, care) in enumerate(people):
        for r in care.relationships:
            if r.kind == "volunteer":
                clients[r.user].add(index)
                assert row.practice_index in borough.volunteer_practices(position[r.user]), (r.user, index)
    assert set(clients) == set(staff.volunteers)
    assert 0 in clients["volunteer"] and people[0][0].practice_index == 0
