"""The check of words as they are typed, the check on saving (through a contact note), and a team's counts."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.core.tests.factories import UserFactory
from alongside.language import writing
from alongside.language.models import SuggestionCount
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, RelationshipFactory, make_named_worker

pytestmark = pytest.mark.django_db
CHECK = "/language/check/"


def test_the_check_needs_someone_signed_in(client):
    answer = client.post(CHECK, {"field": "note", "note": "He refuses"})
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("account_login"))


def test_the_check_answers_a_post_only(client, signed_in):
    signed_in("volunteer")
    assert client.get(CHECK).status_code == 405


def test_the_check_shows_each_suggestion_and_keeps_what_it_showed(client, signed_in, words_checked):
    signed_in("clinician")
    answer = client.post(CHECK, {"field": "note", "note": "He refuses his tablets. Known MS."}, HTTP_HX_REQUEST="true")
    body = answer.content.decode()
    assert answer.status_code == 200
    assert "<html" not in body  # a part of the page, for under the field
    assert "“refuses”: you could write “declines”" in body
    assert "could mean multiple sclerosis or mitral stenosis" in body
    shown = writing.shown_after([], writing.offers("He refuses his tablets. Known MS."))
    assert f'name="language_shown-note" value="{" ".join(shown)}"' in body


def test_what_was_shown_before_is_still_kept_when_the_words_are_changed(client, signed_in, words_checked):
    signed_in("clinician")
    before = writing.shown_after([], writing.offers("He refuses"))
    answer = client.post(CHECK, {"field": "note", "note": "He declines", "language_shown-note": before[0]})
    body = answer.content.decode()
    assert f'value="{before[0]}"' in body
    assert "You could also write" not in body


def test_a_text_too_long_gets_a_plain_message_not_an_error(client, signed_in, words_checked):
    signed_in("clinician")
    answer = client.post(CHECK, {"field": "note", "note": "refuses " * 7000})
    assert answer.status_code == 200
    assert "This is too long to check as you type (more than 50,000 characters). You can still save it." in (
        answer.content.decode()
    )


def test_a_strange_field_name_is_not_echoed(client, signed_in, words_checked):
    signed_in("clinician")
    body = client.post(CHECK, {"field": '"><script>', "text": "He refuses"}).content.decode()
    assert "<script>" not in body
    assert 'name="language_shown-text"' in body


def _contact(client, person, note, shown=""):
    url = reverse("continuity:new_contact", args=[person.pk])
    key = re.search(r'name="form_key" value="([^"]+)"', client.get(url).content.decode()).group(1)
    today = timezone.localdate()
    data = {"form_key": key, "kind": "phone", "practitioner": client.user.pk, "at_time": "00:05", "minutes": "15"}
    data |= {"day_day": today.day, "day_month": today.month, "day_year": today.year}
    return client.post(url, data | {"note": note, "language_shown-note": shown}, follow=True)


def test_a_contact_note_saves_as_written_shows_what_could_be_written_and_counts(client, signed_in, words_checked):
    team = TeamFactory()
    client.user = signed_in("clinician", team=team)
    person = PersonFactory()
    make_named_worker(person, client.user)
    shown = writing.shown_after([], writing.offers("He refuses and is non-compliant"))
    page = _contact(client, person, "He refuses his tablets", shown=" ".join(shown))
    body = page.content.decode()
    assert person.contacts.get().note == "He refuses his tablets"
    assert "You could also write" in body and "“refuses”: you could write “declines”" in body
    (count,) = SuggestionCount.objects.filter(team=team)
    assert (count.shown, count.taken, count.month.day) == (2, 1, 1)


def test_the_contact_form_has_the_widget_and_works_as_a_plain_form(client, signed_in):
    client.user = signed_in("clinician")
    person = PersonFactory()
    make_named_worker(person, client.user)
    body = client.get(reverse("continuity:new_contact", args=[person.pk])).content.decode()
    assert 'hx-post="/language/check/"' in body
    assert 'aria-live="polite"' in body
    assert "language/writing.mjs" in body


def test_a_team_leader_sees_their_teams_counts_only_in_a_few_queries(client, member, django_assert_num_queries):
    ours, theirs = TeamFactory(name="Riverside"), TeamFactory(name="Hillside")
    leader = member("team_leader", team=ours)
    for month in (date(2026, 11, 1), date(2026, 12, 1)):
        SuggestionCount.objects.create(team=ours, month=month, shown=40, taken=10)
        SuggestionCount.objects.create(team=theirs, month=month, shown=7, taken=7)
    client.force_login(leader)
    client.get("/language/team/")  # warm the session
    # the page's own reads, and the header's: who the user is, and whether to show "MDT meetings"
    with django_assert_num_queries(7):
        body = client.get("/language/team/").content.decode()
    assert "Riverside" in body and "Hillside" not in body
    assert "December 2026" in body and "25%" in body


def test_the_team_page_is_for_team_leaders(client, signed_in):
    signed_in("clinician")
    assert client.get("/language/team/").status_code == 403


def test_the_persons_own_story_and_their_proxys_are_not_checked_but_staff_writing_it_are(client, signed_in):
    own = UserFactory()
    person = PersonFactory(user=own)
    proxy = UserFactory()
    RelationshipFactory(person=person, user=proxy, kind="proxy")
    url = reverse("people:edit_story", args=[person.pk, "my_story"])
    for writer in (own, proxy):
        client.force_login(writer)
        page = client.get(url)
        assert page.status_code == 200
        assert "hx-post" not in page.content.decode()
    staff = signed_in("clinician")
    make_named_worker(person, staff)
    assert 'hx-post="/language/check/"' in client.get(url).content.decode()


def test_the_persons_own_words_saved_show_nothing_and_count_nothing(client, words_checked):
    own = UserFactory()
    person = PersonFactory(user=own)
    client.force_login(own)
    url = reverse("people:edit_story", args=[person.pk, "my_story"])
    page = client.post(url, {"text": "I refuse to be a frequent flyer", "reason": "Mine", "based_on": "0"}, follow=True)
    body = page.content.decode()
    assert "saved" in body and "You could also write" not in body
    assert not SuggestionCount.objects.exists()


def test_when_counting_fails_the_note_is_still_saved_and_no_error_is_shown(
    client, signed_in, words_checked, monkeypatch
):
    from django.db import DatabaseError

    from alongside.language import counting

    def broken(*args, **kwargs):
        raise DatabaseError("the counts table is away")

    monkeypatch.setattr(counting, "add", broken)
    client.user = signed_in("clinician")
    person = PersonFactory()
    make_named_worker(person, client.user)
    page = _contact(client, person, "He refuses his tablets", shown="")
    assert page.status_code == 200
    assert person.contacts.get().note == "He refuses his tablets"
