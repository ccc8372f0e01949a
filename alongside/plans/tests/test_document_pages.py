"""The documents' pages as people use them: staff write them with the person (the form, check your answers, saved
once), the person and their proxy write their own parts, earlier versions stay readable, each prints on one page;
and in a crisis the crisis plan comes first on the person page, for those who may read the person's care only."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.consent.models import ConsentProvision
from alongside.core import registry
from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.pages import texts
from alongside.core.tests.requests import acting_as
from alongside.people.tests.factories import PersonFactory, give_part, make_named_worker
from alongside.plans import document_actions
from alongside.plans.documents import STAYING_WELL, DocumentAnswers
from alongside.plans.models import CrisisFlag, DocumentVersion
from alongside.plans.tests.factories import write_document

pytestmark = pytest.mark.django_db
CRISIS_PLAN = "crisis-plan"


@pytest.fixture
def devon(db):
    return PersonFactory(
        user=UserFactory(first_name="Devon"), given_name="Devon", family_name="Hart", nhs_number="9991234561"
    )


@pytest.fixture
def sam(member, devon):
    user = member("clinician", first_name="Sam", last_name="Okoro")
    make_named_worker(devon, user)
    return user


def answers(**more) -> dict:
    return {
        "form_key": str(uuid.uuid4()),
        "based_on": "0",
        "signs": "I stop answering the phone",
        "helps": "Sitting in the garden",
        "contact_1_name": "Pat Green",
        "contact_1_phone": "07700 900123",
        "contact_1_about": "my neighbour",
        "treatment": "Home treatment first",
        "whose": "person",
        **more,
    }


def url(name, person, *more):
    return reverse(f"plans:{name}", args=[person.pk, *more])


def test_staff_write_a_crisis_plan_with_the_person_checking_their_answers_first(client, devon, sam):
    client.force_login(sam)
    edit = url("document_edit", devon, CRISIS_PLAN)
    form = client.get(edit)
    assert "Write the joint crisis plan" in texts(form)
    assert "Signs that Devon is in crisis" in texts(form)
    assert "checked" not in form.content.decode().split('name="whose"')[1].split(">")[0]  # nothing pre-ticked
    posted = answers()
    check = client.post(edit, posted)
    page = texts(check)
    assert "Check your answers before saving the joint crisis plan" in page
    assert "Pat Green: 07700 900123 (my neighbour)" in page
    assert DocumentVersion.objects.count() == 0
    saved = client.post(edit, posted | {"confirm": "yes"})
    assert saved.status_code == 302
    shown = client.get(url("document", devon, CRISIS_PLAN))
    page = texts(shown)
    assert "Home treatment first" in page and "In Devon's own words" in page
    assert 'href="tel:+44-7700-900123"' in shown.content.decode()
    assert "Version 1" in page and "Sam Okoro" in page


def test_pressing_save_twice_makes_one_version(client, devon, sam):
    client.force_login(sam)
    posted = answers(confirm="yes")
    first, again = (client.post(url("document_edit", devon, CRISIS_PLAN), posted) for _ in range(2))
    assert first.status_code == again.status_code == 302
    assert DocumentVersion.objects.filter(person=devon).count() == 1


def test_bad_answers_say_what_is_wrong_and_keep_what_was_typed(client, devon, sam):
    client.force_login(sam)
    bad = answers(contact_1_phone="call me", contact_2_phone="01632 960001", whose="")
    response = client.post(url("document_edit", devon, CRISIS_PLAN), bad)
    page = texts(response)
    assert response.status_code == 200 and "There is a problem" in page
    assert "Enter a UK phone number" in page
    assert "Enter the name of contact 2" in page
    assert "Select whose words these are" in page
    assert "Sitting in the garden" in page and "call me" in response.content.decode()
    empty = client.post(url("document_edit", devon, "wishes"), {"form_key": str(uuid.uuid4()), "based_on": "0"})
    assert "Write at least one part" in texts(empty)


@pytest.mark.parametrize("hidden", [{"based_on": "-1"}, {"based_on": "x"}, {"form_key": "not a key"}])
def test_a_tampered_form_is_explained_not_a_server_error(client, devon, sam, hidden):
    client.force_login(sam)
    response = client.post(url("document_edit", devon, CRISIS_PLAN), answers(confirm="yes") | hidden)
    assert response.status_code == 200 and "This page could not be read" in texts(response)
    assert DocumentVersion.objects.count() == 0


def test_an_unknown_document_is_not_found(client, devon, sam):
    client.force_login(sam)
    assert client.get(url("document", devon, "shopping-list")).status_code == 404


def test_a_stale_save_is_a_kind_conflict_keeping_the_words(client, devon, sam):
    write_document(devon, devon.user)
    client.force_login(sam)
    response = client.post(url("document_edit", devon, CRISIS_PLAN), answers(confirm="yes"))
    assert "Someone else saved a new version while you were writing" in texts(response)
    assert "Sitting in the garden" in texts(response)
    assert DocumentVersion.objects.filter(person=devon).count() == 1


def test_the_person_writes_their_own_and_is_spoken_to_as_you(client, devon, sam):
    client.force_login(devon.user)
    edit = url("document_edit", devon, "staying-well")
    page = texts(client.get(edit))
    assert "Write your staying-well plan" in page and "What keeps you well each day" in page
    assert "Whose words" not in page
    posted = {"form_key": str(uuid.uuid4()), "based_on": "0", "keeps_well": "Feeding the ducks", "confirm": "yes"}
    assert client.post(edit, posted).status_code == 302
    shown = texts(client.get(url("document", devon, "staying-well")))
    assert "Your staying-well plan" in shown and "In your own words" in shown


def test_a_proxy_reads_the_persons_name_not_you(client, devon, sam):
    helper = UserFactory(first_name="Jo", last_name="Hart")
    give_part(devon, "proxy", by=devon.user, user=helper)
    client.force_login(helper)
    page = texts(client.get(url("document_edit", devon, "wishes")))
    assert "What Devon wants to happen if they cannot say so at the time" in page
    plan = texts(client.get(reverse("plans:edit", args=[devon.pk])))
    assert "What Devon wants from services" in plan and "What you want" not in plan
    assert "What Devon is good at" in plan and "Goal 1, in Devon's own words" in plan


def test_earlier_versions_stay_readable(client, devon, sam):
    write_document(devon, sam, STAYING_WELL, DocumentAnswers({"keeps_well": "First words"}))
    write_document(devon, sam, STAYING_WELL, DocumentAnswers({"keeps_well": "Second words"}, reason="Reviewed"))
    client.force_login(sam)
    page = texts(client.get(url("document", devon, "staying-well")))
    assert "Second words" in page and "Why: Reviewed" in page
    first = texts(client.get(url("document_version", devon, "staying-well", 1)))
    assert "First words" in first and "Second words" not in first
    assert client.get(url("document_version", devon, "staying-well", 9)).status_code == 404


def test_the_print_view_has_the_name_nhs_number_and_date_and_a_print_stylesheet(client, devon, sam):
    write_document(devon, sam)
    client.force_login(sam)
    response = client.get(url("document_print", devon, CRISIS_PLAN))
    page, html = texts(response), response.content.decode()
    assert "Joint crisis plan for Devon Hart" in page
    assert "NHS number 999 123 4561" in page
    assert f"Printed {timezone.localdate():%-d %B %Y}" in page
    assert "plans/print.css" in html and "plans/print.mjs" in html and "<script>" not in html
    assert AuditEvent.objects.filter(action="crisis_plan_printed", person_id=devon.pk).exists()
    assert "Print this page" in texts(client.get(url("document", devon, CRISIS_PLAN)))


def test_the_plan_page_and_the_person_page_say_which_documents_exist(client, devon, sam):
    write_document(devon, sam)
    client.force_login(sam)
    plan = client.get(reverse("plans:plan", args=[devon.pk])).content.decode()
    for slug in ("staying-well", CRISIS_PLAN, "wishes"):
        assert url("document", devon, slug) in plan
    page = texts(client.get(reverse("people:person", args=[devon.pk])))
    assert f"Joint crisis plan for Devon Hart : version 1, {timezone.localdate():%-d %B %Y}" in page
    assert "Staying-well plan for Devon Hart : not written yet" in page


def test_the_document_page_reads_in_a_constant_number_of_queries(client, devon, sam):
    client.force_login(sam)
    write_document(devon, sam)
    document = url("document", devon, CRISIS_PLAN)
    client.get(document)
    with CaptureQueriesContext(connection) as one:
        client.get(document)
    for _ in range(4):
        write_document(devon, sam)
    with CaptureQueriesContext(connection) as five:
        client.get(document)
    assert len(five) == len(one)


# --- in crisis: the crisis plan first on the person page -------------------------------------------------------


def person_page(client, user, person) -> str:
    client.force_login(user)
    return texts(client.get(reverse("people:person", args=[person.pk])))


def first_section(client, user, person) -> str:
    client.force_login(user)
    html = client.get(reverse("people:person", args=[person.pk])).content.decode()
    return html.split("<section", 1)[1] if "<section" in html else ""


def test_a_worker_sets_the_flag_and_the_crisis_plan_shows_first_to_those_who_may_read_care(client, devon, sam, member):
    write_document(devon, sam)
    helper = UserFactory(first_name="Jo")
    give_part(devon, "proxy", by=devon.user, user=helper)
    colleague = member("clinician")
    give_part(devon, "care_team", by=sam, user=colleague)
    stranger = member("clinician")
    volunteer = member("volunteer")
    give_part(devon, "volunteer", by=sam, user=volunteer)
    ConsentProvision.objects.create(person=devon, permit=True, actor_kind="volunteers")  # shares all they may
    assert "in crisis now" not in person_page(client, sam, devon)

    client.force_login(sam)
    form = client.get(reverse("plans:crisis_flag", args=[devon.pk]))
    assert "Say Devon is in crisis now" in texts(form)
    missing = client.post(reverse("plans:crisis_flag", args=[devon.pk]), {"form_key": str(uuid.uuid4())})
    assert "Say why Devon is in crisis now" in texts(missing)
    posted = {"form_key": str(uuid.uuid4()), "reason": "Not eating, not answering the door"}
    assert client.post(reverse("plans:crisis_flag", args=[devon.pk]), posted).status_code == 302

    for user, whose in ((sam, "Devon's"), (colleague, "Devon's"), (helper, "Devon's"), (devon.user, "Your")):
        top = first_section(client, user, devon)
        assert 'id="crisis"' in top.split(">", 1)[0], user
        assert f"{whose} joint crisis plan" in texts_of(top)
        assert "I stop eating and I do not answer the door" in texts_of(top)
        assert 'href="tel:+44-7700-900123"' in top
    assert "You are in crisis now" in person_page(client, devon.user, devon)
    volunteer_page = person_page(client, volunteer, devon)
    assert "crisis" not in volunteer_page.lower()
    client.force_login(stranger)
    assert client.get(reverse("people:person", args=[devon.pk])).status_code == 404
    assert client.get(url("document", devon, CRISIS_PLAN)).status_code == 404
    client.force_login(volunteer)
    assert client.get(url("document", devon, CRISIS_PLAN)).status_code == 404
    assert client.get(url("crisis_flag", devon)).status_code == 404

    client.force_login(sam)
    ended = {"form_key": str(uuid.uuid4()), "reason": "Eating again"}
    assert client.post(reverse("plans:crisis_end", args=[devon.pk]), ended).status_code == 302
    assert "in crisis now" not in person_page(client, sam, devon)
    history = texts(client.get(url("document", devon, CRISIS_PLAN)))
    assert "Not eating, not answering the door" in history and "Eating again" in history


def texts_of(html: str) -> str:
    class Page:
        content = html.encode()

    return texts(Page)


def test_in_crisis_without_a_plan_the_banner_says_so_and_links_to_write_one(client, devon, sam, monkeypatch):
    recorded = timezone.localdate() - timedelta(days=3)
    monkeypatch.setattr(registry, "crisis_known", lambda person_id: recorded if person_id == devon.pk else None)
    top = first_section(client, sam, devon)
    assert "Devon is in crisis now" in texts_of(top)
    assert f"A crisis was recorded on {recorded:%-d %B %Y}" in texts_of(top)
    assert "There is no crisis plan for Devon yet" in texts_of(top)
    assert url("document_edit", devon, CRISIS_PLAN) in top
    assert not CrisisFlag.objects.exists()


def test_the_person_and_their_proxy_may_not_set_the_flag(client, devon, sam):
    document_actions.set_crisis(acting_as(sam), devon, "Unwell")
    client.force_login(devon.user)
    assert client.get(url("crisis_flag", devon)).status_code == 404
    assert client.post(url("crisis_end", devon), {"form_key": str(uuid.uuid4()), "reason": "x"}).status_code == 404
    assert CrisisFlag.objects.get().ended_at is None
