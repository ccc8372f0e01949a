"""The ward's settings pages: the settings shown to the ward's team (with "Change" links for its team leader), the
form with its check page, what is kept when something is wrong, a retry that saves once, two leaders saving at
once, the missing page for everyone else, and the links from the figures and the board."""

import re
import uuid

import pytest

from alongside.core.models import AuditEvent
from alongside.partners.models import Organisation
from alongside.partners.tests.factories import OrganisationFactory
from alongside.virtual_ward.models import Ward

from .factories import EpisodeFactory, WardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward():
    ward = WardFactory(name="Riverside virtual ward", beds=20)
    ward.practices.add(OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE, name="Riverside Medical Centre"))
    OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE, name="Valley Surgery")
    return ward


def page(ward) -> str:
    return f"/virtual-ward/settings/{ward.pk}/"


def change(ward) -> str:
    return f"/virtual-ward/settings/{ward.pk}/change/"


def text(response) -> str:
    return " ".join(response.content.decode().split())


def answers(ward, **changed) -> dict:
    return {
        "form_key": str(uuid.uuid4()),
        "version": str(ward.version),
        "practices": [str(p) for p in ward.practices.values_list("pk", flat=True)],
        "registered_population": "60,000",
        "population_source": "NHS Digital, October 2026",
        "baseline_admissions_per_year": "",
        "baseline_source": "",
        "target": "17",
        "beds": "20",
        "decision_hours": "2",
        "episode_hours": "72",
    } | changed


def test_the_ward_team_sees_the_settings_and_only_the_leader_may_change_them(client, member, ward):
    client.force_login(member("clinician", team=ward.team))
    shown = text(client.get(page(ward)))
    assert "<title>The ward&#39;s settings" in shown and "The ward&#39;s settings</h1>" in shown
    assert "Riverside Medical Centre" in shown and "Valley Surgery" not in shown
    assert "Not set. The figures count only the people registered in Alongside" in shown
    assert "17%" in shown and "Only the ward's team leader can change these settings" in shown
    assert change(ward) not in shown
    assert AuditEvent.objects.filter(action="ward_settings_viewed", object_id=str(ward.pk)).exists()
    assert client.get(change(ward)).status_code == 404
    assert AuditEvent.objects.filter(action="denied:ward_settings_opened").exists()

    client.force_login(member("team_leader", team=ward.team))
    shown = text(client.get(page(ward)))
    assert f'href="{change(ward)}#id_registered_population"' in shown
    assert 'Change<span class="nhsuk-u-visually-hidden"> registered population</span>' in shown


def test_another_wards_team_gets_the_missing_page_like_a_ward_that_does_not_exist(client, member, ward):
    client.force_login(member("team_leader", team=WardFactory().team))
    refused, missing = client.get(page(ward)), client.get("/virtual-ward/settings/2147483647/")
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content
    assert client.post(change(ward), answers(ward, confirm="1")).status_code == 404
    ward.refresh_from_db()
    assert ward.registered_population is None and ward.version == 1


def test_the_form_starts_as_saved_then_checks_then_saves_once(client, member, ward):
    client.force_login(member("team_leader", team=ward.team))
    form = text(client.get(change(ward)))
    assert "<title>Change the ward&#39;s settings" in form
    ticked = re.findall(r'<input class="nhsuk-checkboxes__input"[^>]*>', form)
    assert len(ticked) == 2 and sum("checked" in box for box in ticked) == 1

    typed = answers(ward)
    check = text(client.post(change(ward), typed))
    assert "<title>Check the ward&#39;s settings" in check
    assert (
        "60,000. From: NHS Digital, October 2026" in check
        and "Was: Not set. The figures count only the people registered in Alongside" in check
    )
    assert "Was: 20" not in check  # only what changes says what it was
    ward.refresh_from_db()
    assert ward.registered_population is None  # nothing saved before the check

    again = client.post(change(ward), typed | {"change": "1"})
    assert 'value="60,000"' in again.content.decode()

    saved = client.post(change(ward), typed | {"confirm": "1"}, follow=True)
    assert saved.redirect_chain[-1][0] == page(ward)
    assert "The ward&#39;s settings are saved" in text(saved)
    ward.refresh_from_db()
    assert ward.registered_population == 60_000 and ward.version == 2

    retried = client.post(change(ward), typed | {"confirm": "1"})
    assert retried.status_code == 302 and retried["Location"] == page(ward)
    ward.refresh_from_db()
    assert ward.version == 2
    assert AuditEvent.objects.filter(action="ward_settings_changed").count() == 1


def test_bad_answers_are_each_said_at_the_top_and_by_the_box_and_kept(client, member, ward):
    client.force_login(member("team_leader", team=ward.team))
    response = client.post(
        change(ward), answers(ward, beds="300", target="17.25", population_source="", episode_hours="three days")
    )
    shown = text(response)
    assert shown.count("The usual beds must be 200 or fewer") == 2
    assert shown.count("Give the share with at most 1 decimal place, like 17.5") == 2
    assert shown.count("Enter where the registered population comes from, and its date") == 2
    assert shown.count("The hours a stay lasts must be a whole number, like 72") == 2
    assert "<title>Error: Change the ward&#39;s settings" in shown
    assert 'value="300"' in shown and 'value="17.25"' in shown and 'value="three days"' in shown
    assert 'value="60,000"' in shown
    ward.refresh_from_db()
    assert ward.beds == 20 and ward.version == 1


def test_fewer_usual_beds_than_the_people_on_the_ward_are_refused_kindly(client, member, ward):
    EpisodeFactory(referral__ward=ward, bed=1)
    EpisodeFactory(referral__ward=ward, bed=2)
    client.force_login(member("team_leader", team=ward.team))
    shown = text(client.post(change(ward), answers(ward, beds="1", confirm="1")))
    assert shown.count("2 people have a bed on the ward now. Set at least 2 usual beds") == 2
    assert 'value="1"' in shown
    ward.refresh_from_db()
    assert ward.beds == 20 and ward.version == 1


def test_two_leaders_saving_at_once_never_overwrite_each_other(client, member, ward):
    first, second = member("team_leader", team=ward.team), member("team_leader", team=ward.team)
    typed = answers(ward, beds="18")  # the second leader's form, on version 1
    client.force_login(first)
    client.post(change(ward), answers(ward, beds="15", confirm="1"))
    ward.refresh_from_db()
    assert ward.beds == 15 and ward.version == 2

    client.force_login(second)
    shown = text(client.post(change(ward), typed | {"confirm": "1"}))
    assert "Someone else saved the settings" in shown
    assert 'value="18"' in shown and 'name="version" value="2"' in shown
    ward.refresh_from_db()
    assert ward.beds == 15

    client.post(change(ward), typed | {"version": "2", "confirm": "1"})
    ward.refresh_from_db()
    assert ward.beds == 18 and ward.version == 3


def test_the_figures_link_to_the_settings_and_the_board_does_for_its_leader(client, member, ward):
    client.force_login(member("clinician", team=ward.team))
    figures = text(client.get("/virtual-ward/figures/", {"ward": ward.pk}))
    assert f'Where these numbers come from: <a href="{page(ward)}">the ward\'s settings</a>' in figures
    assert page(ward) not in text(client.get("/virtual-ward/", {"ward": ward.pk}))
    client.force_login(member("team_leader", team=ward.team))
    assert f'<a href="{page(ward)}">The ward\'s settings</a>' in text(client.get("/virtual-ward/"))


def test_the_settings_page_costs_a_few_queries(client, member, ward, django_assert_max_num_queries):
    client.force_login(member("clinician", team=ward.team))
    client.get(page(ward))
    with django_assert_max_num_queries(12):
        assert client.get(page(ward)).status_code == 200
    assert Ward.objects.get(pk=ward.pk).version == 1


def test_the_same_practices_in_another_order_say_no_was_and_both_lists_are_a_to_z(client, member, ward):
    """The practices chosen are compared with those saved as sets; both are shown A to Z."""
    valley = Organisation.objects.get(name="Valley Surgery")
    abbey = OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE, name="Abbey Surgery")  # made last, named first
    ward.practices.add(valley, abbey)
    client.force_login(member("team_leader", team=ward.team))
    ids = [str(p) for p in ward.practices.order_by("-pk").values_list("pk", flat=True)]
    same = text(client.post(change(ward), answers(ward, practices=ids)))
    assert "Abbey Surgery, Riverside Medical Centre, Valley Surgery" in same
    assert "Was: Abbey" not in same and "Was: Riverside" not in same

    fewer = text(client.post(change(ward), answers(ward, practices=[str(valley.pk), str(abbey.pk)])))
    assert "Abbey Surgery, Valley Surgery" in fewer
    assert "Was: Abbey Surgery, Riverside Medical Centre, Valley Surgery" in fewer


def test_the_check_pages_back_link_goes_back_to_the_form_with_everything_kept(client, member, ward):
    client.force_login(member("team_leader", team=ward.team))
    typed = answers(ward, beds="18")
    check = client.post(change(ward), typed).content.decode()
    back = re.search(r'<button[^>]*class="nhsuk-back-link"[^>]*>', check)
    assert back and 'form="check-form"' in back.group(0) and 'name="change"' in back.group(0)
    assert 'id="check-form"' in check
    # the back link sends the check page's form with "change": the form again, as typed
    again = text(client.post(change(ward), typed | {"confirm": "1", "change": "1"}))
    assert "<title>Change the ward&#39;s settings" in again and 'value="18"' in again and 'value="60,000"' in again
    ward.refresh_from_db()
    assert ward.beds == 20 and ward.version == 1


def test_too_few_usual_beds_are_refused_at_continue(client, member, ward):
    EpisodeFactory(referral__ward=ward, bed=1)
    EpisodeFactory(referral__ward=ward, bed=2)
    client.force_login(member("team_leader", team=ward.team))
    shown = text(client.post(change(ward), answers(ward, beds="1")))
    assert "<title>Error: Change the ward&#39;s settings" in shown
    assert shown.count("2 people have a bed on the ward now. Set at least 2 usual beds") == 2
    assert 'value="1"' in shown


def test_the_hidden_words_of_a_change_link_keep_gp_in_capitals(client, member, ward):
    client.force_login(member("team_leader", team=ward.team))
    shown = text(client.get(page(ward)))
    assert 'Change<span class="nhsuk-u-visually-hidden"> GP practices the ward serves</span>' in shown
    assert 'Change<span class="nhsuk-u-visually-hidden"> usual beds</span>' in shown


def test_a_conflict_is_said_in_an_error_summary_that_links_to_the_form(client, member, ward):
    typed = answers(ward, beds="18")
    Ward.objects.filter(pk=ward.pk).update(beds=15, version=2)
    client.force_login(member("team_leader", team=ward.team))
    shown = text(client.post(change(ward), typed | {"confirm": "1"}))
    assert "<title>Error: Change the ward&#39;s settings" in shown
    assert '<h1 class="nhsuk-heading-l">Change the ward&#39;s settings</h1>' in shown
    assert "nhsuk-error-summary" in shown and 'href="#settings-form"' in shown
    assert "Someone else changed the settings while you were working" in shown
    assert 'id="settings-form"' in shown and "Someone else saved the settings" in shown
