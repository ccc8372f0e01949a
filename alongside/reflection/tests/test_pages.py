"""The reflection pages as a worker uses them: offered after recording a contact, saved once, private to them, in
their own list; and the team's anonymous patterns."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.continuity.models import Contact
from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, make_named_worker
from alongside.reflection.models import Reflection
from alongside.reflection.tips import TIPS

from .factories import ReflectionFactory, contact_with

pytestmark = pytest.mark.django_db


def form_key(client, url) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', client.get(url).content.decode()).group(1)


@pytest.fixture
def team():
    return TeamFactory(name="Riverside")


@pytest.fixture
def sam(member, team):
    return member("clinician", team=team, first_name="Sam", last_name="Patel")


@pytest.fixture
def ada(sam):
    person = PersonFactory(given_name="Ada", family_name="Lovelace")
    make_named_worker(person, sam)
    return person


def record_contact(client, person, worker) -> str:
    url = f"/continuity/people/{person.pk}/contacts/new/"
    now = timezone.localtime()
    data = {
        "form_key": form_key(client, url),
        "kind": "home_visit",
        "practitioner": worker.pk,
        "day_day": now.day,
        "day_month": now.month,
        "day_year": now.year,
        "at_time": "00:05",
        "minutes": "30",
        "note": "",
    }
    first, again = client.post(url, data), client.post(url, data)
    assert first["Location"] == again["Location"]  # pressing twice offers the same moment of reflection
    return first["Location"]


def test_after_recording_a_contact_the_worker_is_offered_a_moment_to_reflect(client, sam, ada):
    client.force_login(sam)
    offered = record_contact(client, ada, sam)
    contact = Contact.objects.get()
    assert offered == f"/reflection/contacts/{contact.pk}/"
    page = client.get(offered)
    said = texts(page)
    assert "A moment to reflect" in said and "Which of these did you find hard this time?" in said
    assert "No one else reads it: not your team leader, and not Ada." in said
    assert all(tip.question in said for tip in TIPS)
    assert "checked" not in page.content.decode()  # nothing is ticked for them
    assert f'href="/people/{ada.pk}/">Skip</a>' in page.content.decode()


def test_saving_twice_makes_one_reflection_and_goes_back_to_the_person(client, sam, ada):
    client.force_login(sam)
    url = f"/reflection/contacts/{contact_with(ada, sam).pk}/"
    data = {"form_key": form_key(client, url), "hard": ["hope", "strengths"], "note": "Ask about the garden"}
    first, again = client.post(url, data), client.post(url, data)
    assert first["Location"] == again["Location"] == f"/people/{ada.pk}/"
    reflection = Reflection.objects.get()
    assert (reflection.hard, reflection.note) == (["strengths", "hope"], "Ask about the garden")
    assert "already reflected on this contact" in texts(client.get(url))
    # a fresh form for the same contact does not make a second one either
    client.post(url, {"form_key": "3f0e2a5c-0000-4000-8000-000000000009", "hard": ["listen"]})
    assert Reflection.objects.count() == 1


def test_bad_input_is_explained_and_kept(client, sam, ada):
    client.force_login(sam)
    url = f"/reflection/contacts/{contact_with(ada, sam).pk}/"
    response = client.post(url, {"form_key": form_key(client, url), "hard": ["hope", "nonsense"], "note": "x" * 2001})
    said = texts(response)
    assert response.status_code == 200 and "There is a problem" in said
    assert "Choose only from the questions on this page" in said
    assert "Your note must be 2000 characters or fewer" in said
    assert "x" * 2001 in response.content.decode()
    assert not Reflection.objects.exists()


def test_only_whoever_had_or_recorded_the_contact_may_reflect_and_a_refusal_looks_like_nothing(
    client, member, sam, ada, team
):
    contact = contact_with(ada, sam)
    leader = member("team_leader", team=team)
    client.force_login(leader)
    answers = []
    for pk in (contact.pk, contact.pk + 1000, "99999999999"):
        response = client.get(f"/reflection/contacts/{pk}/")
        assert response.status_code == 404
        answers.append(response.content)
    assert answers[0] == answers[1]
    denied = AuditEvent.objects.filter(action="denied:reflection_opened").order_by("pk")
    assert [(e.person_id, e.object_type) for e in denied] == [(None, "contact")] * 3
    assert not AuditEvent.objects.filter(action="reflection_opened").exists()


def test_your_reflections_are_yours_alone_newest_first_a_page_at_a_time(client, member, sam, team):
    colleague = member("clinician", team=team)
    ReflectionFactory(worker=colleague, note="Not yours to read")
    client.force_login(sam)
    assert "You have not written any yet" in texts(client.get("/reflection/"))
    now = timezone.now()
    ReflectionFactory(worker=sam, hard=["hope"], note="Older one", written_at=now - timedelta(days=2))
    ReflectionFactory(worker=sam, contact_kind="Phone call", note="Newer one", written_at=now)
    said = texts(client.get("/reflection/"))
    assert said.index("Newer one") < said.index("Older one")
    assert "Did I keep hope alive" in said and "Not yours to read" not in said
    assert "Only you can read these" in said

    with CaptureQueriesContext(connection) as two:
        client.get("/reflection/")
    for n in range(25):
        ReflectionFactory(worker=sam, note=f"Note {n}", written_at=now - timedelta(days=1, minutes=n))
    with CaptureQueriesContext(connection) as many:
        first = texts(client.get("/reflection/"))
    assert len(many) == len(two)  # however many there are
    assert "Page 1 of 2" in first and "Older one" not in first
    assert "Older one" in texts(client.get("/reflection/", {"page": "2"}))
    assert client.get("/reflection/", {"page": "nonsense"}).status_code == 200


def test_the_reflections_link_is_for_care_staff(client, sam, member):
    client.force_login(sam)
    assert 'href="/reflection/"' in client.get("/").content.decode()
    client.force_login(member("admin"))
    assert 'href="/reflection/"' not in client.get("/").content.decode()
    assert client.get("/reflection/").status_code in (403, 404)


def test_the_team_sees_patterns_without_names_and_small_months_are_held_back(client, member, sam, team):
    leader = member("team_leader", team=team)
    now = timezone.now()
    last = now.replace(day=1) - timedelta(days=10)  # a day last month: over, so it may be shown
    earlier = last.replace(day=1) - timedelta(days=10)
    last_month = earlier  # the month with too few, held back
    for n in range(6):
        ReflectionFactory(team=team, worker=sam, hard=["hope"] if n < 3 else [], note="Secret words", written_at=last)
    for _ in range(4):
        ReflectionFactory(team=team, worker=sam, hard=["listen"], written_at=earlier)
    for _ in range(7):
        ReflectionFactory(team=team, worker=sam, hard=["equals"], written_at=now)  # this month: not over yet
    ReflectionFactory(team=TeamFactory(), hard=["equals"], written_at=last)  # another team's
    for viewer in (sam, leader):
        client.force_login(viewer)
        response = client.get(f"/reflection/teams/{team.pk}/")
        said = texts(response)
        assert response.status_code == 200 and "Which did we find hardest?" in said
        assert "6 reflections, hardest first" in said
        assert re.search(r"Keeping hope alive .*? 50%", said)
        main = said.split("Which did we find hardest?")[-1]  # the page, not the header with the viewer's name
        assert "Secret words" not in main and "Patel" not in main
        held_back = said.split(last_month.strftime("%B %Y"))[1]
        assert held_back.strip().startswith("Not shown: fewer than 5 reflections were written this month.")
        assert "4" not in held_back.split(".")[0]
        this_month = said.split(now.strftime("%B %Y"))[1]
        assert this_month.strip().startswith("Not shown yet: a month is shown once it is over")


def test_other_teams_patterns_are_not_shown(client, member, sam):
    other = TeamFactory()
    client.force_login(sam)
    assert client.get(f"/reflection/teams/{other.pk}/").status_code == 404
    assert client.get("/reflection/teams/99999999999/").status_code == 404
    client.force_login(member("volunteer", team=other))
    assert client.get(f"/reflection/teams/{other.pk}/").status_code == 404


def test_the_team_page_does_the_same_work_however_many_reflections(client, sam, team):
    client.force_login(sam)
    last = timezone.now().replace(day=1) - timedelta(days=10)  # last month: over, so shown
    ReflectionFactory(team=team, worker=sam, written_at=last)
    with CaptureQueriesContext(connection) as one:
        client.get(f"/reflection/teams/{team.pk}/")
    for _ in range(30):
        ReflectionFactory(team=team, worker=sam, hard=["hope"], written_at=last)
    with CaptureQueriesContext(connection) as many:
        said = texts(client.get(f"/reflection/teams/{team.pk}/"))
    assert len(many) == len(one) and "31 reflections, hardest first" in said


def test_a_worker_no_longer_caring_for_the_person_cannot_open_the_reflection(client, sam, ada):
    contact = contact_with(ada, sam)
    relationship = ada.relationships.active().get(user=sam)
    relationship.ended_at = timezone.now()
    relationship.save()
    client.force_login(sam)
    assert client.get(f"/reflection/contacts/{contact.pk}/").status_code == 404
