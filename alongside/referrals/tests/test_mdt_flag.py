"""Triage asks the MDT to discuss a referral's person: a plain checkbox never ticked for them, with why; audited;
a stale page says so and keeps what was typed."""

import pytest
from django.urls import reverse

from alongside.core.models import AuditEvent
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory
from alongside.referrals.models import Referral
from alongside.referrals.tests.factories import ReferralFactory


@pytest.fixture
def triaged(db):
    return ReferralFactory(person=PersonFactory(), status="triaged")


@pytest.fixture
def triage(client, signed_in):
    signed_in("spa_triage", team=TeamFactory(kind="spa"))
    return client


def test_the_checkbox_is_never_ticked_for_them(triage, triaged):
    client = triage
    page = client.get(reverse("referrals:mdt_flag", args=[triaged.pk])).content.decode()
    assert 'name="discuss"' in page and "checked" not in page


def test_triage_flags_it_with_a_reason(triage, triaged):
    client = triage
    url = reverse("referrals:mdt_flag", args=[triaged.pk])
    answer = client.post(url, {"version": triaged.version, "discuss": "on", "reason": "Nobody is leading her care"})
    assert answer.status_code == 302
    triaged.refresh_from_db()
    assert (triaged.discuss_at_mdt, triaged.mdt_reason) == (True, "Nobody is leading her care")
    assert AuditEvent.objects.filter(action="referral_mdt_flagged", person_id=triaged.person_id).count() == 1


def test_a_flag_without_a_reason_is_refused_specifically(triage, triaged):
    client = triage
    answer = client.post(
        reverse("referrals:mdt_flag", args=[triaged.pk]), {"version": triaged.version, "discuss": "on"}
    )
    assert "Write why the MDT should discuss them" in answer.content.decode()
    assert not Referral.objects.get(pk=triaged.pk).discuss_at_mdt


def test_a_stale_page_says_so_and_keeps_the_words(triage, triaged):
    client = triage
    Referral.objects.filter(pk=triaged.pk).update(version=9)
    answer = client.post(
        reverse("referrals:mdt_flag", args=[triaged.pk]), {"version": 1, "discuss": "on", "reason": "Kept words"}
    )
    page = answer.content.decode()
    assert "changed this referral while you were writing" in page and "Kept words" in page
    assert not Referral.objects.get(pk=triaged.pk).discuss_at_mdt


def test_the_reason_is_revealed_under_the_box_and_checked_as_typed(triage, triaged):
    page = triage.get(reverse("referrals:mdt_flag", args=[triaged.pk])).content.decode()
    assert 'aria-controls="conditional-id_discuss"' in page
    assert "nhsuk-checkboxes__conditional nhsuk-checkboxes__conditional--hidden" in page  # shown once ticked
    assert f'hx-post="{reverse("language:check")}"' in page and 'name="language_shown-reason"' in page


def test_a_reason_with_the_box_unticked_is_refused_and_kept_in_sight(triage, triaged):
    answer = triage.post(
        reverse("referrals:mdt_flag", args=[triaged.pk]), {"version": triaged.version, "reason": "Falls at night"}
    )
    page = answer.content.decode()
    assert answer.status_code == 200
    assert page.count("You wrote why, but did not ask the MDT: tick the box, or clear the reason") == 2
    assert "Falls at night" in page and 'href="#id_discuss"' in page
    assert "nhsuk-checkboxes__conditional--hidden" not in page  # the words stay in sight
    triaged.refresh_from_db()
    assert (triaged.discuss_at_mdt, triaged.mdt_reason) == (False, "")


def test_the_reason_is_saved_as_written_and_the_writer_offered_other_words(triage, triaged):
    words = "He is non-compliant with his tablets"
    answer = triage.post(
        reverse("referrals:mdt_flag", args=[triaged.pk]),
        {"version": triaged.version, "discuss": "on", "reason": words},
        follow=True,
    )
    assert Referral.objects.get(pk=triaged.pk).mdt_reason == words
    assert "You could also write" in answer.content.decode()
