"""Plain words for readers who are not clinicians (issue 16, item 5): the person reads what staff wrote on their
timeline with each abbreviation written out; staff read it as it was written; the person's own notes stay theirs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.core.tests.factories import UserFactory
from alongside.core.tests.pages import texts
from alongside.language.models import LocalTerm
from alongside.partners.tests.factories import NeighbourhoodFactory
from alongside.people.models import Entry
from alongside.people.tests.factories import PersonFactory, add_entry, make_named_worker

pytestmark = pytest.mark.django_db

WRITTEN = "Seen at home for COPD review. BP fine. Plan agreed at the MDT."


@pytest.fixture
def mabel(db):
    return PersonFactory(user=UserFactory(first_name="Mabel"), given_name="Mabel", family_name="Okafor")


@pytest.fixture
def sam(member, mabel):
    user = member("clinician", first_name="Sam")
    make_named_worker(mabel, user)
    add_entry(mabel, user, WRITTEN)
    return user


def test_the_person_reads_staff_words_with_abbreviations_written_out(client, mabel, sam):
    client.force_login(mabel.user)
    page = texts(client.get(reverse("people:person", args=[mabel.pk])))
    assert "chronic obstructive pulmonary disease (COPD)" in page
    assert "Blood pressure (BP) fine." in page  # a sentence still begins with a capital
    assert WRITTEN not in page


def test_staff_read_what_was_written_as_it_was_written(client, mabel, sam):
    client.force_login(sam)
    page = texts(client.get(reverse("people:person", args=[mabel.pk])))
    assert WRITTEN in page
    assert "chronic obstructive pulmonary disease (COPD)" not in page


def test_the_persons_own_note_is_shown_in_their_own_words(client, mabel, sam):
    Entry.objects.create(person=mabel, kind=Entry.Kind.OWN_NOTE, text="My COPD is better this week.", author=mabel.user)
    client.force_login(mabel.user)
    page = texts(client.get(reverse("people:person", args=[mabel.pk])))
    assert "My COPD is better this week." in page


def test_the_persons_areas_own_abbreviations_are_read_once_a_page(client, mabel, sam):
    area = NeighbourhoodFactory()
    mabel.neighbourhood = area
    mabel.save()
    LocalTerm.objects.create(neighbourhood=area, abbreviation="RCT", words="Riverside care team", added_by=sam)
    client.force_login(mabel.user)
    url = reverse("people:person", args=[mabel.pk])
    counts = []
    for entries in (1, 5):
        while Entry.objects.filter(person=mabel, text="RCT visited.").count() < entries:
            add_entry(mabel, sam, "RCT visited.")
        with CaptureQueriesContext(connection) as queries:
            page = texts(client.get(url))
        assert page.count("Riverside care team (RCT) visited.") == entries
        counts.append(len(queries))
    assert counts[0] == counts[1]
