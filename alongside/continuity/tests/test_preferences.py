"""The best times to visit: said by the person from their own login or recorded by staff who look after them,
shown after "What matters to me", and offered first by the appointment form and the week's plan."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from alongside.continuity.models import AppointmentRequest, Slot, VisitTimes
from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.pages import texts
from alongside.people.tests.factories import PersonFactory, allocate, make_named_worker

pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def ada(db, team, staff):
    person = PersonFactory(given_name="Ada", family_name="Okafor", user=UserFactory(first_name="Ada"))
    allocate(person, "team_caseload", team=team)
    make_named_worker(person, staff["sam"])
    return person


def url(person):
    return f"/continuity/people/{person.pk}/visit-times/"


def save(client, person, days=(), parts=(), words="", version=None):
    if version is None:
        version = re.search(r'name="version" value="(\d+)"', client.get(url(person)).content.decode()).group(1)
    return client.post(url(person), {"days": list(days), "parts": list(parts), "words": words, "version": version})


def test_the_person_says_when_is_best_from_their_own_login_and_their_page_says_it_to_them(client, ada):
    client.force_login(ada.user)
    page = texts(client.get(f"/people/{ada.pk}/"))
    assert "You have not said when is best to visit yet" in page
    form = client.get(url(ada))
    assert "Tell us when it is best for you to be visited or seen" in texts(form)
    response = save(client, ada, days=["0", "1", "2", "3", "4"], parts=["morning"], words="Not before 10am, please")
    assert response.status_code == 302 and response.url == f"/people/{ada.pk}/"
    saved = VisitTimes.objects.get(person=ada)
    assert saved.days == [0, 1, 2, 3, 4] and saved.parts == ["morning"] and saved.updated_by == ada.user
    page = texts(client.get(f"/people/{ada.pk}/"))
    assert "Days and times Weekday mornings" in page and "In your words Not before 10am, please" in page
    assert "by you" in page
    event = AuditEvent.objects.get(action="visit_times_saved")
    assert event.person_id == ada.pk and event.basis == "self"


def test_the_section_comes_with_the_person_s_own_words_before_facts_about_them(client, ada):
    client.force_login(ada.user)
    page = client.get(f"/people/{ada.pk}/").content.decode()
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page)
    assert "Best times to visit" in headings
    assert headings.index("What matters to me") < headings.index("Best times to visit")
    assert headings.index("Best times to visit") == headings.index("My strengths") + 1


def test_staff_who_look_after_the_person_record_it_and_others_cannot(client, member, ada, staff):
    client.force_login(staff["sam"])
    assert save(client, ada, parts=["afternoon"]).status_code == 302
    assert "Days and times Afternoons" in texts(client.get(f"/people/{ada.pk}/"))
    assert AuditEvent.objects.get(action="visit_times_saved").basis == "relationship"
    stranger = member("clinician")
    client.force_login(stranger)
    assert client.get(url(ada)).status_code == 404
    assert client.post(url(ada), {"parts": ["evening"], "version": "1"}).status_code == 404
    assert VisitTimes.objects.get(person=ada).parts == ["afternoon"]


def test_a_stale_form_is_refused_and_keeps_what_was_typed(client, ada, staff):
    client.force_login(ada.user)
    save(client, ada, parts=["morning"])
    response = save(client, ada, parts=["evening"], words="Evenings now", version="0")
    page = texts(response)
    assert response.status_code == 200 and "Someone changed these times while you were editing" in page
    assert "Evenings now" in page
    assert VisitTimes.objects.get(person=ada).parts == ["morning"]


def test_bad_input_is_explained_not_a_failure(client, ada):
    client.force_login(ada.user)
    response = save(client, ada, days=["9"], parts=["midnight"], words="x" * 501)
    page = texts(response)
    assert response.status_code == 200
    assert "Select days from the list" in page and "Say it in 500 characters or fewer" in page
    assert client.post(url(ada), {"version": "x"}).status_code == 200  # a broken hidden field: asked again


def test_the_appointment_form_offers_times_that_fit_first_and_says_so(client, team, staff, ada, monday):
    sam = staff["sam"]
    VisitTimes.objects.create(person=ada, days=[0, 1, 2, 3, 4], parts=["morning"], updated_by=sam)
    for day, hour in [(0, 14), (0, 15), (1, 16), (2, 10), (3, 9)]:  # soonest first: two afternoons on Monday
        Slot.objects.create(team=team, practitioner=sam, start=at(monday + timedelta(days=day), hour), created_by=sam)
    client.force_login(sam)
    url = f"/continuity/people/{ada.pk}/appointments/new/"
    key = re.search(r'name="form_key" value="([^"]+)"', client.get(url).content.decode()).group(1)
    friday = monday + timedelta(days=4)
    dates = {"earliest_day": monday.day, "earliest_month": monday.month, "earliest_year": monday.year}
    dates |= {"latest_day": friday.day, "latest_month": friday.month, "latest_year": friday.year}
    response = client.post(url, dates | {"team": str(team.pk), "form_key": key})  # no reason yet: asked again
    labels = re.findall(
        r'<label class="nhsuk-label nhsuk-radios__label"[^>]*>\s*(.*?)\s*</label>', response.content.decode(), re.S
    )
    offered = [label for label in labels if "with Sam" in label]
    wednesday, thursday = monday + timedelta(days=2), monday + timedelta(days=3)
    assert offered[:2] == [
        f"{wednesday:%a} {wednesday.day} {wednesday:%b} 10:00 with Sam Patel",
        f"{thursday:%a} {thursday.day} {thursday:%b} 09:00 with Sam Patel",
    ]
    assert len(offered) == 5  # the rest follow, soonest first
    text = texts(response)
    assert "Best times to visit Ada: weekday mornings" in text
    assert text.count("Fits Ada's preferred times: weekday mornings") == 2


def test_the_weeks_plan_says_whether_each_time_fits(client, team, staff, ada, monday):
    sam, lena = staff["sam"], staff["lena"]
    VisitTimes.objects.create(person=ada, parts=["afternoon"], updated_by=ada.user)
    Slot.objects.create(team=team, practitioner=sam, start=at(monday, 14), created_by=lena)
    AppointmentRequest.objects.create(
        person=ada, team=team, earliest=at(monday, 0), latest=at(monday, 23, 59), what_for="Review", asked_by=sam
    )
    client.force_login(lena)
    page = texts(client.get(f"/continuity/booking/?week={monday.isoformat()}&team={team.pk}"))
    assert "Fits Ada's preferred times: afternoons" in page


def test_the_weeks_plan_books_a_time_that_suits_when_it_costs_nobody_anything(client, team, staff, ada, monday):
    sam, lena = staff["sam"], staff["lena"]
    VisitTimes.objects.create(person=ada, parts=["afternoon"], updated_by=ada.user)
    Slot.objects.create(team=team, practitioner=sam, start=at(monday, 9), created_by=lena)
    Slot.objects.create(team=team, practitioner=sam, start=at(monday, 14), created_by=lena)
    AppointmentRequest.objects.create(
        person=ada, team=team, earliest=at(monday, 0), latest=at(monday, 23, 59), what_for="Review", asked_by=sam
    )
    client.force_login(lena)
    page = texts(client.get(f"/continuity/booking/?week={monday.isoformat()}&team={team.pk}"))
    assert f"Sam Patel, {monday:%a} {monday.day} {monday:%b} 14:00" in page
    assert "Booked at a time they said suits them 1 of 1 0 of 1" in page  # first available takes 9:00
