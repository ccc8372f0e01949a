"""Booking in the service: the team leader's week and its plan, sessions of slots, one person's appointment."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.continuity.booking_wording import week_label
from alongside.continuity.models import AppointmentRequest, Slot
from alongside.continuity.tests.factories import AppointmentRequestFactory, ContinuityFactsFactory, SlotFactory
from alongside.core.models import Alert, AuditEvent
from alongside.core.tests.pages import texts
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, allocate, make_named_worker

pytestmark = pytest.mark.django_db

BOOKING = "/continuity/booking/"


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def fields(response, *names) -> dict:
    page = response.content.decode()
    return {name: hidden(page, name) for name in names}


def person(team, given, named_worker=None, priority=None, family="Okafor"):
    found = PersonFactory(given_name=given, family_name=family)
    allocate(found, "team_caseload", team=team)
    if named_worker:
        make_named_worker(found, named_worker)
    if priority is not None:
        ContinuityFactsFactory(person=found, priority=priority, updated_by=named_worker)
    return found


def ask(team, who, earliest, latest, asked_by, what_for="Dressing change"):
    return AppointmentRequestFactory(
        person=who, team=team, earliest=earliest, latest=latest, what_for=what_for, asked_by=asked_by
    )


def slot(team, practitioner, start, created_by):
    return SlotFactory(team=team, practitioner=practitioner, start=start, minutes=20, created_by=created_by)


@pytest.fixture
def week_of_two(team, staff, monday):
    """Greedy gives Ada (high priority) Bea's earlier slot and leaves Sam's to Ben; the exact plan swaps them."""
    lena, sam, bea = staff["lena"], staff["sam"], staff["bea"]
    ada = person(team, "Ada", named_worker=sam, priority=7)
    ben = person(team, "Ben", named_worker=sam, priority=1, family="Adeyemi")
    tuesday = monday + timedelta(days=1)
    bea_monday = slot(team, bea, at(monday, 9), lena)
    sam_tuesday = slot(team, sam, at(tuesday, 10), lena)
    ask(team, ada, at(monday, 0), at(tuesday, 23, 59), sam)
    ask(team, ben, at(monday, 0), at(tuesday, 23, 59), sam, what_for="Medicines review")
    return {"ada": ada, "ben": ben, "bea_monday": bea_monday, "sam_tuesday": sam_tuesday}


def week_url(team, monday):
    return f"{BOOKING}?week={monday.isoformat()}&team={team.pk}"


# --- the week and its plan -----------------------------------------------------------------------------------------


def test_the_week_shows_the_plan_with_reasons_and_where_first_available_booking_loses_continuity(
    client, team, staff, monday, week_of_two
):
    client.force_login(staff["lena"])
    response = client.get(week_url(team, monday + timedelta(days=3)))  # any day of the week shows its Monday
    page = texts(response)
    assert f"Booking: week of {monday:%-d %B %Y}" in page
    assert "2 requests waiting and 2 free slots this week" in page
    tuesday = monday + timedelta(days=1)
    assert f"The plan Sam Patel, {tuesday:%a} {tuesday.day} {tuesday:%b} 10:00 Named worker" in page
    assert f"with their named worker, Sam Patel, {tuesday:%a} {tuesday.day} {tuesday:%b} 10:00" in page
    assert "the only slot of their named worker, Sam Patel," in page and "went to another request" in page
    comparison = page[page.index("This plan compared with first-available booking") :]
    assert "Appointments booked 2 of 2 2 of 2" in comparison
    assert "Booked with their named worker 1 1" in comparison
    assert "Their continuity priority, added up 7 1" in comparison
    assert "People with high priority booked with their named worker 1 of 1 0 of 1" in comparison
    assert "High (7)" in page and "Low (1)" in page
    viewed = AuditEvent.objects.filter(action="booking_week_viewed", actor=staff["lena"])
    assert set(viewed.values_list("person_id", flat=True)) == {week_of_two["ada"].pk, week_of_two["ben"].pk}


def test_booking_the_plan_writes_each_slot_with_its_reason_and_audits_it(client, team, staff, monday, week_of_two):
    client.force_login(staff["lena"])
    form = fields(client.get(week_url(team, monday)), "form_key", "team", "week", "fingerprint")
    response = client.post("/continuity/booking/book/", form)
    assert response.status_code == 302 and response.url == week_url(team, monday)
    ada = AppointmentRequest.objects.get(person=week_of_two["ada"])
    ben = AppointmentRequest.objects.get(person=week_of_two["ben"])
    assert ada.slot == week_of_two["sam_tuesday"] and ada.with_named_worker and ada.booked_by == staff["lena"]
    assert ada.booking_reason.startswith("with their named worker, Sam Patel, ")
    assert ben.slot == week_of_two["bea_monday"] and not ben.with_named_worker
    assert "Bea Ward" in ben.booking_reason and "Sam Patel" in ben.booking_reason
    booked = AuditEvent.objects.filter(action="appointment_booked")
    assert sorted(booked.values_list("person_id", flat=True)) == sorted([ada.person_id, ben.person_id])
    page = texts(client.get(response.url))
    assert "2 appointments booked, 1 with their named worker" in page
    assert "0 requests waiting and 0 free slots this week" in page
    assert "Nothing is booked this week yet" not in page and "Medicines review" in page


def test_a_request_added_after_looking_changes_the_plan_and_nothing_is_booked(client, team, staff, monday, week_of_two):
    client.force_login(staff["lena"])
    form = fields(client.get(week_url(team, monday)), "form_key", "team", "week", "fingerprint")
    cai = person(team, "Cai", named_worker=staff["bea"], priority=3, family="Jones")
    ask(team, cai, at(monday, 0), at(monday, 23, 59), staff["bea"])
    response = client.post("/continuity/booking/book/", form)
    page = texts(response)
    assert response.status_code == 200
    assert "There is a problem" in page and "Something changed since you looked at this week" in page
    assert "Check the new plan and book again" in page
    assert re.search(r"<title>Error: ", response.content.decode())
    assert "3 requests waiting" in page and "Cai Jones" in page
    assert not AppointmentRequest.objects.filter(slot__isnull=False).exists()
    assert not AuditEvent.objects.filter(action="appointment_booked").exists()
    assert hidden(response.content.decode(), "fingerprint") != form["fingerprint"]  # the new plan can be booked
    again = client.post("/continuity/booking/book/", fields(response, "form_key", "team", "week", "fingerprint"))
    assert again.status_code == 302 and AppointmentRequest.objects.filter(slot__isnull=False).count() == 2


def test_pressing_book_twice_or_booking_an_old_page_again_books_once(client, team, staff, monday, week_of_two):
    client.force_login(staff["lena"])
    first_page = fields(client.get(week_url(team, monday)), "form_key", "team", "week", "fingerprint")
    second_page = fields(client.get(week_url(team, monday)), "form_key", "team", "week", "fingerprint")
    assert first_page["fingerprint"] == second_page["fingerprint"] and first_page["form_key"] != second_page["form_key"]
    assert client.post("/continuity/booking/book/", first_page).status_code == 302
    repeat = client.post("/continuity/booking/book/", first_page, follow=True)
    assert "already booked: you may have pressed the button twice" in texts(repeat)
    old_tab = client.post("/continuity/booking/book/", second_page)
    assert old_tab.status_code == 200 and "Something changed since you looked" in texts(old_tab)
    assert AppointmentRequest.objects.filter(slot__isnull=False).count() == 2
    assert AuditEvent.objects.filter(action="appointment_booked").count() == 2


def test_the_week_page_makes_the_same_number_of_queries_for_5_or_40_requests(
    client, django_assert_max_num_queries, team, staff, monday
):
    client.force_login(staff["lena"])

    def fill(count, first_hour):
        for n in range(count):
            who = person(team, f"Person{n}", named_worker=staff["sam" if n % 2 else "bea"], priority=n % 8)
            day = monday + timedelta(days=n % 5)
            ask(team, who, at(monday, 0), at(day, 23, 59), staff["sam"])
            slot(team, staff["sam" if n % 3 else "bea"], at(day, first_hour) + timedelta(minutes=5 * n), staff["lena"])
        booked = ask(team, who, at(monday, 0), at(monday, 23, 59), staff["sam"])  # and one booked appointment
        booked.slot = slot(team, staff["bea"], at(monday + timedelta(days=5), first_hour), staff["lena"])
        booked.save()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(week_url(team, monday)).status_code == 200
        return len(captured)

    fill(5, 8)
    few = queries()
    AppointmentRequest.objects.all().update(cancelled_at=timezone.now())
    fill(40, 12)
    many = queries()
    assert few == many <= 15, (few, many)
    assert "41 requests waiting" not in texts(client.get(week_url(team, monday)))  # cancelled ones are gone


def test_requests_of_people_the_leader_may_not_see_are_not_shown(client, team, staff, monday, week_of_two):
    hidden_person = PersonFactory(given_name="Hidden", family_name="Person")  # on nobody's caseload
    ask(team, hidden_person, at(monday, 0), at(monday, 23, 59), staff["sam"], what_for="Private matter")
    client.force_login(staff["lena"])
    page = texts(client.get(week_url(team, monday)))
    assert "Hidden Person" not in page and "Private matter" not in page
    assert "2 requests waiting" in page
    assert not AuditEvent.objects.filter(action="booking_week_viewed", person_id=hidden_person.pk).exists()


def test_only_the_teams_leaders_may_plan_or_book_its_week(client, member, team, staff, monday, week_of_two):
    client.force_login(staff["sam"])
    assert client.get(week_url(team, monday)).status_code == 403
    assert client.post("/continuity/booking/book/", {}).status_code == 403
    client.force_login(staff["lena"])
    form = fields(client.get(week_url(team, monday)), "form_key", "team", "week", "fingerprint")

    other_leader = member("team_leader", team=TeamFactory(name="Hillcrest team"))
    client.force_login(other_leader)
    assert client.get(week_url(team, monday)).status_code == 404
    assert "Hillcrest team" in texts(client.get(BOOKING))  # their own team, by default
    assert client.post("/continuity/booking/book/", form).status_code == 404
    assert not AppointmentRequest.objects.filter(slot__isnull=False).exists()


def test_booking_opens_on_the_first_week_with_requests_waiting(client, team, staff, monday):
    client.force_login(staff["lena"])
    this_week = monday - timedelta(days=7)
    assert f"Booking: week of {this_week:%-d %B %Y}" in texts(client.get(BOOKING))  # nothing waits: this week
    later = monday + timedelta(days=14)
    ask(
        team,
        person(team, "Ada", named_worker=staff["sam"]),
        at(later + timedelta(days=2), 0),
        at(later, 23, 59) + timedelta(days=9),
        staff["sam"],
    )
    page = texts(client.get(BOOKING))
    assert f"Booking: week of {later:%-d %B %Y}" in page and "1 request waiting" in page
    # A request whose dates began in the past and still run waits this week
    ask(
        team,
        person(team, "Ben", named_worker=staff["sam"]),
        at(this_week - timedelta(days=3), 0),
        at(monday, 23, 59),
        staff["sam"],
    )
    assert f"Booking: week of {this_week:%-d %B %Y}" in texts(client.get(BOOKING))
    assert f"Booking: week of {later:%-d %B %Y}" in texts(client.get(week_url(team, later)))  # asked for: shown


def test_every_request_the_plan_cannot_book_has_a_next_step(client, member, team, staff, monday):
    lena, sam, bea = staff["lena"], staff["sam"], staff["bea"]
    ada = person(team, "Ada", named_worker=sam, priority=6)  # her dates run into next week
    ben = person(team, "Ben", family="Adeyemi")  # no named worker, this week only
    cai = person(team, "Cai", named_worker=bea, family="Jones")  # this week only: Bea can add a session
    ask(team, ada, at(monday, 0), at(monday + timedelta(days=9), 23, 59), sam)
    ask(team, ben, at(monday, 0), at(monday + timedelta(days=4), 23, 59), sam)
    waiting = ask(team, cai, at(monday, 0), at(monday + timedelta(days=4), 23, 59), sam)
    client.force_login(lena)
    response = client.get(week_url(team, monday))
    page = texts(response)
    assert "3 requests waiting and 0 free slots" in page
    following = monday + timedelta(days=7)
    assert f"Offer the week of {week_label(following)} to Ada Okafor" in page
    assert page.count("Offer the week of") == 1  # only Ada's dates reach into next week
    assert "Ask Sam Patel to add a session" in page and "Ask Bea Ward to add a session" in page
    assert "Add a session for Ben Adeyemi" in page  # nobody to ask: the leader adds one
    html = response.content.decode()
    assert f'href="{week_url(team, following)}"'.replace("&", "&amp;") in html

    def ask_for_session(appointment):
        return client.post(
            "/continuity/booking/ask-for-session/",
            {"appointment": appointment.pk, "team": team.pk, "week": monday.isoformat()},
        )

    response = ask_for_session(waiting)
    assert response.status_code == 302 and response.url == week_url(team, monday)  # the top, where the message shows
    assert "Bea Ward has been asked to add a session" in texts(client.get(response.url))
    alert = Alert.objects.get(recipient=bea)
    assert alert.url == f"/continuity/booking/sessions/new/?team={team.pk}" and "Cai" not in alert.text
    assert AuditEvent.objects.filter(action="session_asked", person_id=cai.pk, actor=lena).count() == 1
    page = texts(client.get(week_url(team, monday)))
    assert "Bea Ward was asked to add a session on" in page and "Ask Bea Ward to add a session" not in page
    ask_for_session(waiting)  # pressed again: asked once
    assert Alert.objects.filter(recipient=bea).count() == 1
    assert AuditEvent.objects.filter(action="session_asked").count() == 1
    # Only the team's leader asks; Ben has no named worker to ask; bad input is not found
    ben_request = AppointmentRequest.objects.get(person=ben)
    assert ask_for_session(ben_request).status_code == 404
    assert client.post("/continuity/booking/ask-for-session/", {"appointment": "x"}).status_code == 404
    client.force_login(sam)
    assert ask_for_session(AppointmentRequest.objects.get(person=ada)).status_code == 403
    client.force_login(member("team_leader", team=TeamFactory(name="Hillcrest team")))
    assert ask_for_session(AppointmentRequest.objects.get(person=ada)).status_code == 404
    assert not Alert.objects.filter(recipient=sam).exists()


def test_a_long_week_shows_what_the_plan_cannot_book_a_page_at_a_time(client, team, staff, monday):
    for n in range(23):
        who = person(team, f"Person{n:02d}", named_worker=staff["sam"], priority=n % 8)
        ask(team, who, at(monday, 0), at(monday, 23, 59), staff["sam"])
    slot(team, staff["sam"], at(monday, 9), staff["lena"])  # one free slot: one booked, 22 not
    client.force_login(staff["lena"])
    response = client.get(week_url(team, monday))
    page = texts(response)
    assert "The plan books 1 of 23 requests, 1 with their named worker." in page
    assert "22 cannot be booked this week" in page
    table = response.content.decode().split('id="not-booked-table"')[1].split("</table>")[0]
    assert table.split("<tbody")[1].count("<tr") == 20
    assert "Showing 1 to 20 of 22 not booked." in page
    second = texts(client.get(week_url(team, monday) + "&page=2"))
    assert "Showing 21 to 22 of 22 not booked." in second
    assert "Who the plan books, and why (1)" in page


# --- sessions of slots ---------------------------------------------------------------------------------------------


def session(client, team, day, start="09:00", count="3", minutes="20", who=None, key=None):
    url = f"/continuity/booking/sessions/new/?team={team.pk}"
    key = key or hidden(client.get(url).content.decode(), "form_key")
    data = {"form_key": key, "day_day": day.day, "day_month": day.month, "day_year": day.year}
    data |= {"start": start, "count": count, "minutes": minutes, "kind": "clinic", "practitioner": who.pk}
    return client.post(url, data)


def test_a_leader_adds_a_session_for_a_clinician_once_even_if_pressed_twice(client, team, staff, monday):
    client.force_login(staff["lena"])
    url = f"/continuity/booking/sessions/new/?team={team.pk}"
    page = client.get(url).content.decode()
    names = re.findall(r"<option[^>]*>([^<]+)</option>", page)
    assert names == ["Select someone", "Bea Ward", "Sam Patel"]  # only those in the team who see people
    key = hidden(page, "form_key")
    first = session(client, team, monday, who=staff["sam"], key=key)
    second = session(client, team, monday, who=staff["sam"], key=key)
    assert first.status_code == second.status_code == 302 and first.url == week_url(team, monday)
    starts = [timezone.localtime(s.start).strftime("%H:%M") for s in Slot.objects.filter(practitioner=staff["sam"])]
    assert starts == ["09:00", "09:20", "09:40"]
    assert f"3 slots added for Sam Patel on {monday:%A %-d %B}" in texts(client.get(first.url))
    assert AuditEvent.objects.filter(action="slots_added").count() == 1


def test_a_clashing_session_is_explained_and_what_was_typed_is_kept(client, team, staff, monday):
    slot(team, staff["sam"], at(monday, 10), staff["lena"])
    client.force_login(staff["lena"])
    response = session(client, team, monday, start="09:30", count="2", minutes="20", who=staff["sam"])
    page = texts(response)
    assert "There is a problem" in page
    assert f"Sam Patel already has a slot at 10:00 on {monday:%-d %B}. Start the session after it" in page
    assert 'value="09:30"' in response.content.decode() and 'value="2"' in response.content.decode()
    assert Slot.objects.count() == 1


def test_session_mistakes_are_explained(client, team, staff):
    client.force_login(staff["lena"])
    yesterday = timezone.localdate() - timedelta(days=1)
    page = texts(session(client, team, yesterday, start="25:00", count="21", who=staff["sam"]))
    assert "The day must be today or in the future" in page
    assert "Enter the time as hours and minutes, like 09:00" in page
    assert "A session can have at most 20 appointments" in page
    assert not Slot.objects.exists()


def test_a_clinician_adds_their_own_session_but_not_a_colleagues(client, team, staff, monday):
    client.force_login(staff["sam"])
    page = client.get(f"/continuity/booking/sessions/new/?team={team.pk}").content.decode()
    assert "Bea Ward" not in page
    refused = session(client, team, monday, who=staff["bea"])
    assert "Select someone from the list" in texts(refused) and not Slot.objects.exists()
    mine = session(client, team, monday, who=staff["sam"])
    assert mine.status_code == 302 and Slot.objects.filter(practitioner=staff["sam"]).count() == 3
    assert client.get(f"/continuity/booking/sessions/new/?team={TeamFactory().pk}").status_code == 404


# --- one person's appointment --------------------------------------------------------------------------------------


def appointment(client, who, earliest, latest, what_for="Dressing change", slot_id="plan", key=None):
    url = f"/continuity/people/{who.pk}/appointments/new/"
    page = client.get(url).content.decode()
    data = {"form_key": key or hidden(page, "form_key"), "team": hidden(page, "team"), "what_for": what_for}
    data["slot"] = slot_id
    for name, day in [("earliest", earliest), ("latest", latest)]:
        data |= {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}
    return client.post(url, data)


def test_the_named_worker_s_free_time_is_booked_directly(client, team, staff, monday):
    ada = person(team, "Ada", named_worker=staff["sam"], priority=6)
    free = slot(team, staff["sam"], at(monday, 9, 20), staff["lena"])
    slot(team, staff["bea"], at(monday, 9), staff["lena"])  # not Ada's named worker: not offered
    client.force_login(staff["bea"])  # any care staff in the team may ask
    url = f"/continuity/people/{ada.pk}/appointments/new/"
    page = texts(client.get(url))
    assert "Sam Patel is Ada Okafor's named worker." in page
    assert f"{monday:%a} {monday.day} {monday:%b} 09:20 with Sam Patel" in page
    assert "09:00 with" not in page
    assert "None of these: add it to the week's plan" in page
    response = appointment(client, ada, monday, monday + timedelta(days=2), slot_id=str(free.pk))
    assert response.status_code == 302 and response.url == f"/people/{ada.pk}/"
    booked = AppointmentRequest.objects.get(person=ada)
    assert booked.slot == free and booked.with_named_worker and booked.booked_by == staff["bea"]
    assert booked.booking_reason == "Booked directly with their named worker, Sam Patel"
    message = texts(client.get(response.url))
    assert f"Appointment booked with Sam Patel, their named worker, on {monday:%a} {monday.day} {monday:%b}" in message


def test_a_request_for_the_plan_is_added_once_and_appears_in_the_week(client, team, staff, monday):
    ada = person(team, "Ada", named_worker=staff["sam"], priority=6)
    client.force_login(staff["sam"])
    url = f"/continuity/people/{ada.pk}/appointments/new/"
    key = hidden(client.get(url).content.decode(), "form_key")
    first = appointment(client, ada, monday, monday + timedelta(days=4), key=key)
    assert "Appointment request added to the week's plan" in texts(client.get(first.url))
    second = appointment(client, ada, monday, monday + timedelta(days=4), key=key)
    assert first.status_code == second.status_code == 302
    request = AppointmentRequest.objects.get()
    assert request.slot is None and request.team == team
    assert timezone.localtime(request.earliest) == at(monday, 0)
    assert timezone.localtime(request.latest) == at(monday + timedelta(days=4), 23, 59)
    client.force_login(staff["lena"])
    assert "Ada Okafor" in texts(client.get(week_url(team, monday)))


def test_a_time_taken_meanwhile_is_explained_and_nothing_typed_is_lost(client, team, staff, monday):
    ada = person(team, "Ada", named_worker=staff["sam"], priority=6)
    ben = person(team, "Ben", named_worker=staff["sam"], family="Adeyemi")
    free = slot(team, staff["sam"], at(monday, 9, 20), staff["lena"])
    client.force_login(staff["sam"])
    key = hidden(client.get(f"/continuity/people/{ada.pk}/appointments/new/").content.decode(), "form_key")
    taken = ask(team, ben, at(monday, 0), at(monday, 23, 59), staff["sam"])
    taken.slot = free
    taken.save()
    response = appointment(client, ada, monday, monday, what_for="Wound check", slot_id=str(free.pk), key=key)
    page = texts(response)
    assert "There is a problem" in page
    assert (
        "That time has just been booked for someone else. Choose another time, or leave it for the week's plan" in page
    )
    assert 'value="Wound check"' in response.content.decode()
    assert not AppointmentRequest.objects.filter(person=ada).exists()
    again = appointment(client, ada, monday, monday, what_for="Wound check", key=key)  # the same form, to the plan
    assert again.status_code == 302 and AppointmentRequest.objects.filter(person=ada, slot=None).count() == 1


def test_appointment_dates_are_checked(client, team, staff, monday):
    ada = person(team, "Ada", named_worker=staff["sam"])
    client.force_login(staff["sam"])
    yesterday = timezone.localdate() - timedelta(days=1)
    page = texts(appointment(client, ada, yesterday, yesterday, what_for=""))
    assert "Enter what the appointment is for" in page
    assert "The earliest day must be today or in the future" in page
    page = texts(appointment(client, ada, monday + timedelta(days=2), monday))
    assert "The latest day must be the same as the earliest day or after it" in page
    assert not AppointmentRequest.objects.exists()


def test_someone_outside_the_persons_care_cannot_ask_for_an_appointment(client, member, team, staff):
    ada = person(team, "Ada", named_worker=staff["sam"])
    client.force_login(member("clinician", team=TeamFactory()))
    assert client.get(f"/continuity/people/{ada.pk}/appointments/new/").status_code == 404


# --- cancelling ----------------------------------------------------------------------------------------------------


def test_the_leader_cancels_a_booked_appointment_and_the_time_is_free_again(client, member, team, staff, monday):
    ada = person(team, "Ada", named_worker=staff["sam"], priority=6)
    free = slot(team, staff["sam"], at(monday, 9, 20), staff["lena"])
    booked = ask(team, ada, at(monday, 0), at(monday, 23, 59), staff["sam"])
    booked.slot = free
    booked.save()
    outsider = member("clinician", team=TeamFactory())
    client.force_login(outsider)
    url = f"/continuity/appointments/{booked.pk}/cancel/"
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    client.force_login(staff["lena"])
    week = texts(client.get(week_url(team, monday)))
    assert "Cancel Ada Okafor's appointment" in week
    assert "Cancel this appointment?" in texts(client.get(url))
    response = client.post(url)
    assert response.status_code == 302 and response.url == week_url(team, monday)
    booked.refresh_from_db()
    assert booked.cancelled_at and booked.slot is None
    assert "Appointment cancelled. The time is free for someone else." in texts(client.get(response.url))
    assert "1 free slot this week" in texts(client.get(week_url(team, monday)))
    again = client.post(url, follow=True)
    assert "This appointment was already cancelled" in texts(again)
    assert AuditEvent.objects.filter(action="appointment_cancelled").count() == 1
