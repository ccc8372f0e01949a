"""Sharing choices: the person or their proxy records and withdraws them; staff may only read; all audited."""

import html
import uuid
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.consent.models import ConsentProvision
from alongside.consent.tests.factories import ConsentFactory, share, withhold
from alongside.consent.views import describe
from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.partners.tests.factories import OrganisationFactory
from alongside.people.tests.factories import PersonFactory, RelationshipFactory, add_entry, give_part, make_named_worker


@pytest.fixture
def own(client, db):
    """A person signed in to their own record."""
    user = UserFactory(first_name="Ada")
    person = PersonFactory(user=user, given_name="Ada", family_name="Okafor")
    client.force_login(user)
    return person


def choice(**overrides):
    data = {"form_key": str(uuid.uuid4()), "permit": "share", "actor": "volunteers", "categories": ["story"]}
    return data | overrides


def page(client, person):
    return client.get(reverse("consent:choices", args=[person.pk]))


def test_the_person_sees_their_choices_in_plain_english_and_the_read_is_audited(client, own):
    org = OrganisationFactory(name="Riverside Community Trust")
    withhold(own, ["care"], organisation=org)
    share(own, ["story", "contact"])
    content = page(client, own).content.decode()
    assert "Your sharing choices" in content
    assert "Riverside Community Trust" in content and "Notes about my care" in content
    assert "My story and what matters to me" in content and "My address and phone number" in content
    assert "Make a new choice" in content
    event = AuditEvent.objects.get(action="consent_viewed", person_id=own.pk)
    assert event.basis == "self"


def test_the_person_records_a_choice_until_a_date(client, own):
    org = OrganisationFactory(name="Hillcrest Council")
    until = timezone.localdate() + timedelta(days=30)
    response = client.post(
        reverse("consent:new", args=[own.pk]),
        choice(
            permit="do_not_share",
            actor=f"organisation:{org.pk}",
            categories=["care", "story"],
            until_day=until.day,
            until_month=until.month,
            until_year=until.year,
        ),
    )
    assert response.status_code == 302 and response.url == reverse("consent:choices", args=[own.pk])
    provision = ConsentProvision.objects.get(person=own)
    assert provision.permit is False and provision.organisation == org and provision.categories == ["care", "story"]
    assert provision.recorded_as == "self" and provision.recorded_by == own.user
    assert timezone.localtime(provision.end).date() == until + timedelta(days=1)  # holds to the end of that day
    assert timezone.localtime(provision.end).hour == 0
    event = AuditEvent.objects.get(action="consent_recorded", person_id=own.pk)
    assert event.basis == "self" and event.detail["provision"] == provision.pk
    content = page(client, own).content.decode()
    assert "Do not share" in content and "Hillcrest Council" in content and f"until {until:%-d %B %Y}" in content


def test_a_proxy_records_a_choice_for_the_person(client, db):
    proxy = UserFactory(first_name="Grace", last_name="Okafor")
    person = PersonFactory(given_name="Ada")
    RelationshipFactory(person=person, user=proxy, kind="proxy")
    client.force_login(proxy)
    content = page(client, person).content.decode()
    assert "Make a new choice" in content and "chose you to act for them" in content
    assert client.post(reverse("consent:new", args=[person.pk]), choice()).status_code == 302
    provision = ConsentProvision.objects.get(person=person)
    assert provision.recorded_as == "proxy" and provision.recorded_by == proxy
    assert AuditEvent.objects.get(action="consent_recorded").basis == "proxy"
    assert "by you, acting for Ada" in page(client, person).content.decode()
    other = UserFactory()
    assert describe(provision, person, other)["recorded_by"] == "Grace Okafor, acting for Ada"


def test_staff_with_a_relationship_read_the_choices_but_cannot_change_them(client, signed_in):
    user = signed_in("clinician")
    person = PersonFactory(given_name="Ada")
    make_named_worker(person, user)
    provision = ConsentFactory(person=person)
    content = page(client, person).content.decode()
    assert "My story and what matters to me" in content and "Only Ada" in content
    assert "Make a new choice" not in content and "Withdraw" not in content
    missing = client.get(reverse("consent:new", args=[999_999_999]))
    for url in (reverse("consent:new", args=[person.pk]), reverse("consent:withdraw", args=[person.pk, provision.pk])):
        assert client.get(url).status_code == 404
        refused = client.post(url, choice())
        assert refused.status_code == 404 and refused.content == missing.content
    provision.refresh_from_db()
    assert ConsentProvision.objects.count() == 1 and provision.withdrawn_at is None
    assert AuditEvent.objects.filter(action="denied:consent_form_opened", actor=user).exists()


@pytest.mark.parametrize("who", ["clinician without a relationship", "volunteer", "another person", "admin"])
def test_anyone_else_finds_the_page_missing(client, signed_in, db, who):
    person = PersonFactory()
    if who == "another person":
        other = UserFactory()
        PersonFactory(user=other)
        client.force_login(other)
    elif who == "volunteer":
        user = signed_in("volunteer")
        RelationshipFactory(person=person, user=user, kind="volunteer")  # volunteers never see consent choices
    else:
        signed_in(who.split()[0])
    missing = client.get(reverse("consent:choices", args=[999_999_999]))
    response = page(client, person)
    assert response.status_code == missing.status_code == 404
    assert response.content == missing.content


def test_signed_out_users_are_sent_to_sign_in(client, db):
    response = page(client, PersonFactory())
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_choice_with_nothing_chosen_names_each_problem(client, own):
    content = client.post(reverse("consent:new", args=[own.pk]), {"form_key": str(uuid.uuid4())}).content.decode()
    assert "There is a problem" in content and content.count("nhsuk-error-summary") >= 1
    assert "Select whether you want to share or not share" in content
    assert "Select who this choice is about: volunteers, or one organisation" in content
    assert "Select at least one kind of information this choice is about" in content
    assert ConsentProvision.objects.count() == 0


def test_errors_keep_what_was_typed(client, own):
    org = OrganisationFactory()
    data = choice(
        permit="",
        actor=f"organisation:{org.pk}",
        categories=["care", "contact"],
        until_day="31",
        until_month="2",
        until_year="2099",
    )
    content = client.post(reverse("consent:new", args=[own.pk]), data).content.decode()
    assert "The end date must be a real date" in content
    assert f'value="organisation:{org.pk}" selected' in content
    assert 'value="care" checked' in content and 'value="contact" checked' in content
    assert 'value="story" checked' not in content
    assert 'name="until_day" type="text" value="31"' in content and 'value="2099"' in content
    assert 'href="#id_until_day"' in content  # the summary links to the first box


@pytest.mark.parametrize(
    "parts, message",
    [
        (("1", "", "2099"), "The end date must include a month"),
        (("", "", "2099"), "The end date must include a day and a month"),
        (("1", "1", "99"), "Year must include 4 numbers"),
        (("a", "1", "2099"), "The end date must be a real date"),
        (("1", "1", "2020"), "The end date must be today or in the future"),
    ],
)
def test_end_date_messages_are_specific(client, own, parts, message):
    day, month, year = parts
    data = choice(until_day=day, until_month=month, until_year=year)
    content = client.post(reverse("consent:new", args=[own.pk]), data).content.decode()
    assert message in content
    assert ConsentProvision.objects.count() == 0


def test_volunteers_are_never_offered_care_notes(client, own):
    content = client.post(reverse("consent:new", args=[own.pk]), choice(categories=["care", "story"])).content.decode()
    assert "Volunteers never see notes about my care" in content and "choose an organisation instead" in content
    assert ConsentProvision.objects.count() == 0
    # Not sharing it with volunteers is fine: it is what happens anyway.
    assert client.post(reverse("consent:new", args=[own.pk]), choice(permit="do_not_share", categories=["care"]))
    assert ConsentProvision.objects.count() == 1


def test_submitting_the_same_choice_twice_records_it_once(client, own):
    data = choice()
    first = client.post(reverse("consent:new", args=[own.pk]), data)
    second = client.post(reverse("consent:new", args=[own.pk]), data)
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert ConsentProvision.objects.count() == 1
    assert AuditEvent.objects.filter(action="consent_recorded").count() == 1


def test_withdrawing_keeps_the_choice_in_the_history(client, own):
    provision = share(own, ["story"])
    url = reverse("consent:withdraw", args=[own.pk, provision.pk])
    assert "Withdraw this choice?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    provision.refresh_from_db()
    assert provision.withdrawn_at is not None
    again = client.post(url, follow=True).content.decode()
    assert "already been withdrawn" in again
    assert ConsentProvision.objects.filter(pk=provision.pk).exists()
    assert AuditEvent.objects.filter(action="consent_withdrawn", person_id=own.pk).count() == 1
    content = page(client, own).content.decode()
    assert "Earlier choices" in content and f"Withdrawn on {timezone.localdate():%-d %B %Y}" in content


def test_a_choice_of_another_person_cannot_be_withdrawn_through_this_record(client, own):
    other = ConsentFactory()
    response = client.post(reverse("consent:withdraw", args=[own.pk, other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.withdrawn_at is None


def test_a_do_not_share_choice_hides_care_notes_from_that_organisation_at_once(client, own, member):
    worker = member("clinician")
    make_named_worker(own, worker)
    add_entry(own, worker, "Leg dressing changed")
    organisation = worker.memberships.get().team.organisation
    client.post(
        reverse("consent:new", args=[own.pk]),
        choice(permit="do_not_share", actor=f"organisation:{organisation.pk}", categories=["care"]),
    )
    client.force_login(worker)
    assert "Leg dressing changed" not in client.get(reverse("people:person", args=[own.pk])).content.decode()


def test_the_choices_page_makes_the_same_queries_however_many_choices(client, own):
    ConsentFactory(person=own)
    with CaptureQueriesContext(connection) as one:
        page(client, own)
    for _ in range(6):
        ConsentFactory(person=own, recorded_by=own.user, actor_kind="organisation", organisation=OrganisationFactory())
    with CaptureQueriesContext(connection) as many:
        page(client, own)
    assert len(many) == len(one)


def test_date_field_shows_a_stored_date_as_parts():
    from alongside.consent.forms import DateInputField

    assert DateInputField(named="Date", example="1 1 2000").prepare_value(date(2027, 3, 5)) == ["5", "3", "2027"]


def test_the_person_can_keep_their_address_from_the_family_who_help_them(client, db):
    from django.urls import reverse

    from alongside.core.tests.factories import UserFactory
    from alongside.people.tests.factories import PersonFactory

    user = UserFactory()
    person = PersonFactory(user=user, address_line="4 Hidden Lane", phone="07700 900777")
    son = UserFactory()
    give_part(person, "proxy", user=son, by=user)
    withhold(person, ["contact"], actor_kind="proxies")
    client.force_login(son)
    page = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert person.full_name in html.unescape(page) and "4 Hidden Lane" not in page and "07700 900777" not in page
    choice = ConsentProvision.objects.get(person=person)
    assert client.get(reverse("consent:withdraw", args=[person.pk, choice.pk])).status_code == 404
    client.force_login(user)
    assert "4 Hidden Lane" in client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert client.get(reverse("consent:withdraw", args=[person.pk, choice.pk])).status_code == 200


def test_a_choice_about_the_volunteer_organisation_reaches_its_volunteer_and_the_page_says_so(client, own, member):
    worker, volunteer = member("clinician"), member("volunteer", first_name="Vic", last_name="Jones")
    make_named_worker(own, worker)
    give_part(own, "volunteer", by=worker, user=volunteer)
    own.address_line, own.postcode = "12 Mill Lane", "NV1 2AB"
    own.save()
    volunteers_organisation = volunteer.memberships.get().team.organisation
    client.force_login(volunteer)
    assert "12 Mill Lane" in client.get(reverse("people:person", args=[own.pk])).content.decode()

    withhold(own, ["contact"], organisation=volunteers_organisation)
    assert "12 Mill Lane" not in client.get(reverse("people:person", args=[own.pk])).content.decode()
    client.force_login(own.user)
    content = page(client, own).content.decode()
    seen = content[content.index('id="seen-by"') :]
    vic = seen[seen.index("Vic Jones, your volunteer") :]
    vic = vic[: vic.index("</li>")]
    assert "<strong>Sees:</strong> your name; your family, carers and key contacts; what you chose to tell" in vic
    assert "your address and phone number" in vic.split("Does not see:")[1]
    assert "notes about your care" in vic.split("Does not see:")[1]
    named = seen[seen.index(f"{worker.display_name}, your named worker") :]
    assert "your address and phone number" in named[: named.index("</li>")].split("Does not see:")[0]
