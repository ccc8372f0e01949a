"""Every loop closed: the referrer reads why their referral was accepted, about the person by the name on their
record, and no page shows raw markup."""

import pytest

from alongside.core.models import Alert
from alongside.core.tests.pages import texts
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory
from alongside.referrals import actions
from alongside.referrals.outcome import Outcome, outcome_words
from alongside.referrals.tests.factories import referred

pytestmark = pytest.mark.django_db


def test_the_accepted_outcome_carries_the_reason_the_referrer_reads():
    words = outcome_words(
        Outcome(
            status="accepted", reference="R000001", about_self=False, team="Riverside team", reason="She knows Bea."
        ),
        inside=True,
    )
    assert words.endswith("She knows Bea.")


def test_the_referrer_hears_the_outcome_by_the_name_on_the_record_not_their_spelling(client, gp, spa):
    person = PersonFactory(given_name="Adaeze", family_name="Okafor", birth_date="1941-03-12", postcode="NV1 2AB")
    made = referred(gp, given_name="Ada", family_name="Okafor", birth_date=person.birth_date)
    as_spa = acting_as(spa)
    made = actions.confirm_person(as_spa, made.pk, person.pk, made.version)
    team = TeamFactory(name="Riverside neighbourhood team")
    actions.accept(as_spa, made.pk, team.pk, "The team covers her address.", False, made.version)
    alert = Alert.objects.get(recipient=gp)
    assert "Adaeze Okafor" in alert.text and "Ada Okafor" not in alert.text
    assert alert.text.endswith("The team covers her address.")
    client.force_login(gp)
    for url in (f"/referrals/{made.pk}/", "/referrals/mine/"):
        assert "The Riverside neighbourhood team will support Adaeze Okafor" in texts(client.get(url))


@pytest.mark.parametrize("reason", ["Needs <b>help</b> & support", "Plain words, nothing else"])
def test_no_referral_page_shows_raw_markup(client, gp, spa, reason):
    made = referred(gp, reason=reason)
    actions.decline(acting_as(spa), made.pk, reason, made.version)
    for user in (gp, spa):
        client.force_login(user)
        for url in (f"/referrals/{made.pk}/", "/referrals/mine/", "/referrals/?view=decided"):
            page = client.get(url)
            if page.status_code != 200:
                continue
            shown = texts(page)
            assert "<p>" not in shown and "&lt;" not in shown and "&amp;" not in shown
            assert "<b>" not in shown or reason.startswith("Needs")  # what was typed is shown as typed, once
