"""Counting what writers were shown and took: taken never exceeds shown, forged keys count for nothing, and many
saves at once add up."""

import threading

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from alongside.language import counting, writing
from alongside.language.models import SuggestionCount
from alongside.partners.tests.factories import TeamFactory

from .writing_helpers import AMBIGUOUS, TERMS, fake_ambiguous, fake_suggestions

WORDS = [*TERMS, *AMBIGUOUS, "visited", "at home", "and", "is", "today", "the"]


def offers_of(text: str) -> list[writing.Offer]:
    found = [writing.from_suggestion(s) for s in fake_suggestions(text)]
    return found + [writing.from_ambiguous(a) for a in fake_ambiguous(text)]


texts = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)


@given(before=texts, after=texts, noise=st.lists(st.text(max_size=14), max_size=5))
def test_taken_never_exceeds_shown(before, after, noise):
    shown = writing.shown_after(noise, offers_of(before))
    tally = writing.tally(shown, offers_of(after))
    assert 0 <= tally.taken <= tally.shown == len(set(shown))


@given(text=texts)
def test_nothing_is_taken_when_the_words_stay_as_they_were(text):
    shown = writing.shown_after([], offers_of(text))
    assert writing.tally(shown, offers_of(text)).taken == 0


def test_one_offer_per_entry_whatever_the_words_and_all_taken_when_rewritten():
    shown = writing.shown_after([], offers_of("He refuses. He REFUSES. MS and MS"))
    assert len(shown) == 2
    assert writing.tally(shown, offers_of("He declines.")) == writing.Tally(2, 2)


@given(st.lists(st.text(max_size=20), max_size=200))
def test_kept_keys_are_well_formed_each_once_and_few(raw):
    kept = writing.kept(" ".join(raw))
    assert len(kept) == len(set(kept)) <= writing.MOST_KEPT
    assert all(writing.KEY.match(key) for key in kept)


def test_a_text_too_long_is_not_checked(words_checked):
    assert writing.offers("refuses " * 10) != []
    assert writing.offers("refuses " + "x" * writing.LONGEST) == []


def test_an_ambiguous_abbreviation_says_what_it_could_mean(words_checked):
    (offer,) = writing.offers("Known MS")
    said = "‘MS’ could mean multiple sclerosis or mitral stenosis: write it out so everyone reads it the same way"
    assert offer.why == said


@pytest.mark.django_db
def test_counts_add_to_each_team_for_the_month():
    one, two = TeamFactory(), TeamFactory()
    counting.add([one.pk, two.pk], writing.Tally(3, 1))
    counting.add([one.pk], writing.Tally(2, 2))
    counting.add([two.pk], writing.Tally(0, 0))
    got = {c.team_id: (c.shown, c.taken) for c in SuggestionCount.objects.all()}
    assert got == {one.pk: (5, 3), two.pk: (3, 1)}


@pytest.mark.django_db(transaction=True)
def test_counts_add_up_across_saves_at_the_same_time():
    team = TeamFactory()
    start = threading.Barrier(6)

    def save(shown, taken):
        try:
            start.wait()
            counting.add([team.pk], writing.Tally(shown, taken))
        finally:
            connection.close()

    saves = [(3, 1), (2, 2), (1, 0), (4, 4), (5, 2), (1, 1)]
    threads = [threading.Thread(target=save, args=each) for each in saves]
    [t.start() for t in threads]
    [t.join() for t in threads]
    (count,) = SuggestionCount.objects.filter(team=team)
    assert (count.shown, count.taken) == (sum(s for s, _ in saves), sum(t for _, t in saves))
