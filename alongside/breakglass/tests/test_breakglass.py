"""Break-glass: exact finding, a reason, twelve hours' access that ends by itself, alerts, and the review queue."""

import re
import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.breakglass.models import DEFAULT_DURATION, BreakGlass
from alongside.breakglass.tests.factories import BreakGlassFactory
from alongside.core.models import Alert, AuditEvent
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.tests.factories import PersonFactory, make_named_worker

NHS_NUMBER = "9990000018"
BIRTH_DATE = date(1948, 3, 15)
REASON = "Ada's daughter called: she has fallen and her named worker is on leave today."


@pytest.fixture
def ada(db):
    return PersonFactory(given_name="Ada", family_name="Okafor", nhs_number=NHS_NUMBER, birth_date=BIRTH_DATE)


def start(client, nhs_number=NHS_NUMBER, birth_date=BIRTH_DATE, key=None, **overrides):
    data = {
        "form_key": key or str(uuid.uuid4()),
        "nhs_number": nhs_number,
        "birth_date_day": birth_date.day,
        "birth_date_month": birth_date.month,
        "birth_date_year": birth_date.year,
        "reason_code": "emergency",
        "reason_text": REASON,
    }
    return client.post(reverse("breakglass:start"), data | overrides)


def error_summary(response) -> str:
    found = re.search(r'<div class="nhsuk-error-summary".*?</div>\s*</div>', response.content.decode(), re.S)
    return found.group(0) if found else ""


@pytest.mark.parametrize(
    "role, status", [("clinician", 200), ("team_leader", 200), ("volunteer", 403), ("admin", 403), ("ig_reviewer", 403)]
)
def test_only_care_staff_may_use_break_glass(signed_in, client, role, status):
    signed_in(role)
    assert client.get(reverse("breakglass:start")).status_code == status
    if status == 403:
        assert start(client).status_code == 403


def test_signed_out_users_are_sent_to_sign_in(client, db):
    response = client.get(reverse("breakglass:start"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_wrong_nhs_number_or_date_of_birth_gets_the_same_message_and_reveals_nothing(signed_in, client, ada):
    user = signed_in("clinician")
    wrong_number = start(client, nhs_number="9990000026")
    wrong_date = start(client, birth_date=date(1948, 3, 16))
    assert wrong_number.status_code == wrong_date.status_code == 200
    assert "We could not find a match; check both" in error_summary(wrong_number)
    assert error_summary(wrong_number) == error_summary(wrong_date)
    assert "Okafor" not in wrong_number.content.decode() and "Okafor" not in wrong_date.content.decode()
    assert BreakGlass.objects.count() == 0
    misses = AuditEvent.objects.filter(action="break_glass_no_match", actor=user)
    assert misses.count() == 2 and all(e.person_id is None and not e.detail for e in misses)


def test_an_unfinished_reason_is_answered_the_same_whether_or_not_the_person_exists(signed_in, client, ada):
    signed_in("clinician")
    found = start(client, reason_text="Fell")
    not_found = start(client, nhs_number="9990000026", reason_text="Fell")
    assert error_summary(found) == error_summary(not_found)
    assert "Please write at least a sentence" in error_summary(found)
    assert "could not find a match" not in found.content.decode()
    assert BreakGlass.objects.count() == 0


def test_errors_are_specific_and_keep_what_was_typed(signed_in, client, ada):
    signed_in("clinician")
    content = start(
        client,
        nhs_number="999 000 0019",
        birth_date_month="",
        reason_code="",
        reason_text="She has fallen at home and nobody from her team can be reached",
    ).content.decode()
    assert "This is not a valid NHS number. Check each digit." in content
    assert "Date of birth must include a month" in content
    assert "Select why you need to see this record now" in content
    assert 'value="999 000 0019"' in content and 'value="1948"' in content
    assert "nobody from her team can be reached" in content
    empty = client.post(reverse("breakglass:start"), {"form_key": str(uuid.uuid4())}).content.decode()
    assert "Enter the person&#39;s NHS number" in empty and "Enter the person&#39;s date of birth" in empty
    assert "Tell us what is happening" in empty
    assert (
        "Date of birth must be in the past"
        in start(client, birth_date=timezone.localdate() + timedelta(days=2)).content.decode()
    )


def test_starting_opens_the_record_for_twelve_hours_and_audits_it(signed_in, client, ada):
    user = signed_in("clinician")
    response = start(client)
    assert response.status_code == 302 and response.url == reverse("people:person", args=[ada.pk])
    glass = BreakGlass.objects.get()
    assert glass.user == user and glass.person == ada and glass.reason_code == "emergency"
    assert glass.reason_text == REASON and glass.expires_at - glass.started_at == DEFAULT_DURATION == timedelta(
        hours=12
    )
    assert glass.organisation_id == user.memberships.get().team.organisation_id
    started = AuditEvent.objects.get(action="break_glass_started")
    assert started.basis == "break_glass" and started.person_id == ada.pk and started.actor == user
    page = client.get(response.url)
    assert page.status_code == 200 and "Break-glass access" in page.content.decode()
    assert "Information governance will review" in page.content.decode()
    assert AuditEvent.objects.get(action="person_viewed", person_id=ada.pk).basis == "break_glass"


@pytest.mark.parametrize("zero", ["٠", "۰", "０"])  # Arabic-Indic, Persian and Urdu, full-width
def test_an_nhs_number_and_date_typed_on_another_keyboard_find_the_person(signed_in, client, ada, zero):
    def written(number) -> str:
        return "".join(chr(ord(zero) + int(d)) for d in str(number))

    signed_in("clinician")
    typed = {"birth_date_day": written(15), "birth_date_month": written(3), "birth_date_year": written(1948)}
    response = start(
        client, nhs_number=f"{written(999)} {written(0).rjust(3, zero)} {written(18).rjust(4, zero)}", **typed
    )
    assert response.status_code == 302 and response.url == reverse("people:person", args=[ada.pk])
    assert BreakGlass.objects.get().person == ada


def test_break_glass_expires_by_itself(signed_in, client, ada):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        user = signed_in("clinician")
        start(client)
        url = reverse("people:person", args=[ada.pk])
        traveller.shift(DEFAULT_DURATION - timedelta(minutes=1))
        client.force_login(user)  # a fresh sign-in: sessions last less than break-glass does
        assert client.get(url).status_code == 200
        traveller.shift(timedelta(minutes=1))
        missing = client.get(reverse("people:person", args=[999_999_999]))
        expired = client.get(url)
        assert expired.status_code == 404 and expired.content == missing.content
        assert not BreakGlass.objects.get().is_active


def test_the_same_form_submitted_twice_opens_one_break_glass(signed_in, client, ada):
    signed_in("clinician")
    key = str(uuid.uuid4())
    first, second = start(client, key=key), start(client, key=key)
    assert first.url == second.url
    assert BreakGlass.objects.count() == 1 and AuditEvent.objects.filter(action="break_glass_started").count() == 1


def test_while_active_a_second_request_does_not_extend_it(signed_in, client, ada):
    signed_in("clinician")
    start(client)
    response = start(client)
    assert response.status_code == 302 and BreakGlass.objects.count() == 1
    assert "not extended" in client.get(response.url).content.decode()


def test_staff_who_can_already_see_the_record_do_not_need_break_glass(signed_in, client, ada):
    user = signed_in("clinician")
    make_named_worker(ada, user)
    response = start(client)
    assert response.status_code == 302 and BreakGlass.objects.count() == 0
    assert "break-glass was not needed" in client.get(response.url).content.decode()


def test_the_organisations_ig_reviewers_are_alerted_and_nobody_else(member, client, ada, caplog):
    clinician_team = TeamFactory()
    organisation = clinician_team.organisation
    clinician = member("clinician", team=clinician_team)
    governance = TeamFactory(organisation=organisation)
    reviewer = member("ig_reviewer", team=governance)
    other_org_reviewer = member("ig_reviewer", team=TeamFactory(organisation=OrganisationFactory()))
    former = member("ig_reviewer", team=governance)
    former.memberships.update(ended_at=timezone.now() - timedelta(days=1))
    also_clinician = member("clinician", team=governance)  # a colleague, not a reviewer
    client.force_login(clinician)
    with caplog.at_level("INFO", logger="alongside.breakglass"):
        start(client)
    glass = BreakGlass.objects.get()
    assert f"break-glass {glass.pk} started by user {clinician.pk}; alerted 1 IG reviewer" in caplog.text
    assert list(Alert.objects.values_list("recipient", flat=True)) == [reviewer.pk]
    alert = Alert.objects.get()
    assert clinician.display_name in alert.text and "Ada" not in alert.text  # no person data in alerts
    assert alert.url == reverse("breakglass:review", args=[glass.pk])
    assert AuditEvent.objects.get(action="break_glass_alerted").detail == {"recipients": [reviewer.username]}
    assert not Alert.objects.filter(recipient__in=[other_org_reviewer, former, also_clinician, clinician]).exists()


def test_nobody_to_alert_is_logged_as_a_warning(signed_in, client, ada, caplog):
    signed_in("clinician")
    with caplog.at_level("WARNING", logger="alongside.breakglass"):
        start(client)
    assert "nobody to review it" in caplog.text and not Alert.objects.exists()


def test_a_reviewer_using_break_glass_is_not_alerted_about_themselves(member, client, ada):
    team = TeamFactory()
    both = member("clinician", team=team)
    from alongside.partners.models import Membership

    Membership.objects.create(user=both, team=team, role="ig_reviewer")
    colleague = member("ig_reviewer", team=team)
    client.force_login(both)
    start(client)
    assert list(Alert.objects.values_list("recipient", flat=True)) == [colleague.pk]
    client.force_login(both)
    queue = client.get(reverse("breakglass:reviews")).content.decode()
    assert "Nothing is waiting for review" in queue  # nobody reviews their own


def test_a_reviewer_neither_is_alerted_about_nor_reviews_a_use_on_their_own_record(member, client, ada):
    team = TeamFactory()
    subject, colleague = member("ig_reviewer", team=team), member("ig_reviewer", team=team)
    ada.user = subject
    ada.save()
    client.force_login(member("clinician", team=team))
    start(client)
    glass = BreakGlass.objects.get()
    assert list(Alert.objects.values_list("recipient", flat=True)) == [colleague.pk]
    client.force_login(subject)
    assert "Nothing is waiting for review" in client.get(reverse("breakglass:reviews")).content.decode()
    assert client.get(reverse("breakglass:review", args=[glass.pk])).status_code == 404
    client.force_login(colleague)
    assert client.get(reverse("breakglass:review", args=[glass.pk])).status_code == 200


@pytest.fixture
def governance(member):
    """An IG reviewer and a clinician in the same organisation."""
    team = TeamFactory()
    clinician = member("clinician", team=team, first_name="Sam", last_name="Clinician")
    reviewer = member("ig_reviewer", team=TeamFactory(organisation=team.organisation))
    return clinician, reviewer


def test_review_pages_are_for_ig_reviewers_only(signed_in, client, governance, ada):
    clinician, _ = governance
    glass = BreakGlassFactory(
        user=clinician, person=ada, organisation_id=clinician.memberships.get().team.organisation_id
    )
    signed_in("clinician")
    assert client.get(reverse("breakglass:reviews")).status_code == 403
    assert client.get(reverse("breakglass:review", args=[glass.pk])).status_code == 403
    signed_in("ig_reviewer")  # a reviewer in another organisation: the review looks missing
    missing = client.get(reverse("breakglass:review", args=[999_999_999]))
    response = client.get(reverse("breakglass:review", args=[glass.pk]))
    assert response.status_code == missing.status_code == 404 and response.content == missing.content
    assert "Sam Clinician" not in client.get(reverse("breakglass:reviews")).content.decode()


def test_the_queue_shows_awaiting_reviews_oldest_first_with_their_record_reads(client, governance, member):
    clinician, reviewer = governance
    older, newer, done = PersonFactory(given_name="Older"), PersonFactory(given_name="Newer"), PersonFactory()
    now = timezone.now()
    with time_machine.travel(now - timedelta(hours=20), tick=False):
        client.force_login(clinician)
        first = BreakGlassFactory(user=clinician, person=older)
        client.get(reverse("people:person", args=[older.pk]))
        client.get(reverse("people:person", args=[older.pk]))
    with time_machine.travel(now - timedelta(hours=1), tick=False):
        client.force_login(clinician)
        BreakGlassFactory(user=clinician, person=newer)
        client.get(reverse("people:person", args=[newer.pk]))
        BreakGlassFactory(
            user=clinician, person=done, reviewed_at=timezone.now(), reviewed_by=reviewer, outcome="appropriate"
        )
    # Reads by someone else, or outside the window, are not counted.
    with time_machine.travel(now - timedelta(hours=2), tick=False):
        client.force_login(clinician)
        client.get(reverse("people:person", args=[older.pk]))  # after first expired: refused, not a read
    client.force_login(reviewer)
    content = client.get(reverse("breakglass:reviews")).content.decode()
    awaiting, reviewed = content.split('<h2 class="nhsuk-heading-m">Reviewed</h2>')
    assert "Awaiting review (2)" in awaiting
    assert awaiting.index("Older") < awaiting.index("Newer")
    assert re.search(r"Older.*?Ended.*?Record reads </span><span>2<", awaiting, re.S)
    assert re.search(r"Newer.*?Still open.*?Record reads </span><span>1<", awaiting, re.S)
    assert done.given_name in reviewed and "Appropriate" in reviewed
    assert first.pk in AuditEvent.objects.get(action="break_glass_queue_viewed").detail["break_glass"]


def test_the_queue_makes_the_same_queries_however_many_are_waiting(client, governance):
    clinician, reviewer = governance
    BreakGlassFactory(user=clinician)
    BreakGlassFactory(user=clinician, reviewed_at=timezone.now(), reviewed_by=reviewer, outcome="appropriate")
    client.force_login(reviewer)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("breakglass:reviews"))
    for _ in range(5):
        BreakGlassFactory(user=clinician)
        BreakGlassFactory(user=clinician, reviewed_at=timezone.now(), reviewed_by=reviewer, outcome="appropriate")
    with CaptureQueriesContext(connection) as many:
        content = client.get(reverse("breakglass:reviews")).content.decode()
    assert "Awaiting review (6)" in content
    assert len(many) == len(one)


def test_a_review_needs_an_outcome_and_a_note_and_keeps_what_was_typed(client, governance, ada):
    clinician, reviewer = governance
    glass = BreakGlassFactory(user=clinician, person=ada)
    client.force_login(reviewer)
    url = reverse("breakglass:review", args=[glass.pk])
    content = client.get(url).content.decode()
    assert "Sam Clinician opened Ada Okafor" in content and REASON[:20] not in content
    assert AuditEvent.objects.get(action="break_glass_review_opened").person_id == ada.pk
    errors = client.post(url, {"note": "Checked the rota"}).content.decode()
    assert "Select whether this use of break-glass was appropriate" in errors and "Checked the rota" in errors
    assert "Write a note about your review" in client.post(url, {"outcome": "appropriate"}).content.decode()
    glass.refresh_from_db()
    assert glass.reviewed_at is None


def test_reviewing_marks_it_reviewed_audits_it_and_clears_the_alerts(client, governance, ada):
    clinician, reviewer = governance
    client.force_login(clinician)
    start(client)
    glass = BreakGlass.objects.get()
    client.force_login(reviewer)
    home = client.get(reverse("home")).content.decode()
    assert "1 use of break-glass awaiting review" in home and "used break-glass to open a record" in home
    url = reverse("breakglass:review", args=[glass.pk])
    response = client.post(url, {"outcome": "appropriate", "note": "Named worker on leave; confirmed with the rota."})
    assert response.status_code == 302 and response.url == reverse("breakglass:reviews")
    glass.refresh_from_db()
    assert glass.reviewed_by == reviewer and glass.outcome == "appropriate" and glass.reviewed_at is not None
    event = AuditEvent.objects.get(action="break_glass_reviewed")
    assert event.person_id == ada.pk and event.detail["outcome"] == "appropriate"
    assert not Alert.objects.filter(read_at__isnull=True).exists()
    assert "0 uses of break-glass awaiting review" in client.get(reverse("home")).content.decode()
    # A second submission changes nothing, and the page now shows the review.
    client.post(url, {"outcome": "inappropriate", "note": "Changed my mind"})
    glass.refresh_from_db()
    assert glass.outcome == "appropriate" and AuditEvent.objects.filter(action="break_glass_reviewed").count() == 1
    assert "confirmed with the rota" in client.get(url).content.decode()


def test_navigation_offers_break_glass_to_care_staff_and_reviews_to_ig_reviewers(signed_in, client):
    signed_in("clinician")
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("breakglass:start")}"' in home and "Break-glass reviews" not in home
    signed_in("ig_reviewer")
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("breakglass:reviews")}"' in home and f'href="{reverse("audit:search")}"' in home


def test_overdue_reviews_and_uses_with_many_reads_are_pointed_out_in_words(client, governance, settings):
    """Overdue: not reviewed within the working days the setting allows (5 unless set). Many reads: more record
    reads under the use than the setting's number (20 unless set)."""
    settings.BREAK_GLASS_UNUSUAL_READS = 2
    clinician, reviewer = governance
    late, busy = PersonFactory(given_name="Late"), PersonFactory(given_name="Busy")
    today = timezone.localdate()
    monday = datetime.combine(today + timedelta(days=7 - today.weekday()), time(10), tzinfo=UTC)
    due, tuesday = monday + timedelta(days=7), monday + timedelta(days=8, hours=1)
    with time_machine.travel(monday, tick=False):
        BreakGlassFactory(user=clinician, person=late)
    with time_machine.travel(monday + timedelta(days=8), tick=False):
        client.force_login(clinician)
        BreakGlassFactory(user=clinician, person=busy)
        for _ in range(3):
            client.get(reverse("people:person", args=[busy.pk]))
    with time_machine.travel(tuesday, tick=False):  # Tuesday of the next week
        client.force_login(reviewer)
        content = client.get(reverse("breakglass:reviews")).content.decode()
        awaiting = content.split('<h2 class="nhsuk-heading-m">Reviewed</h2>')[0]
        assert "Awaiting review (2, 1 overdue)" in awaiting
        assert re.search(rf"Late.*?Overdue.*?was due {due:%-d %B %Y}, 1 working day ago", awaiting, re.S)
        next_due = tuesday + timedelta(days=7)
        assert re.search(rf"Busy.*?Many reads.*? 3, more than 2.*?{next_due:%-d %B %Y}", awaiting, re.S)
        home = client.get(reverse("home")).content.decode()
        assert "2 uses of break-glass awaiting review, 1 overdue" in home
        busy_use = BreakGlass.objects.get(person=busy)
        review = client.get(reverse("breakglass:review", args=[busy_use.pk])).content.decode()
        assert "Looked at the person&#39;s record 3 times" in review  # one line for the sitting
        assert "3: more than the usual 2. Check why so many were needed." in review
