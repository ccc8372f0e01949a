"""Where agenda items come from: each capability's AgendaSource, through the registry, in a fixed number of queries
however many people it suggests."""

from datetime import timedelta

from django.utils import timezone

from alongside.concerns.models import RouteKind
from alongside.concerns.tests.factories_loop import around, concern
from alongside.continuity.tests.factories import ContactFactory, ContinuityFactsFactory
from alongside.core import registry
from alongside.core.tests.factories import UserFactory
from alongside.partners.models import Organisation
from alongside.partners.tests.factories import OrganisationFactory
from alongside.people.tests.factories import PersonFactory


def test_every_source_is_registered():
    assert {"concern", "continuity", "referral"} <= {s.kind for s in registry.agenda_sources()}
    assert registry.agenda_source("concern").answered is not None


def test_concerns_routed_to_the_mdt_about_people_at_the_practice(db, django_assert_num_queries):
    practice = OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE)
    elsewhere = OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE)
    worlds = [around(gp_practice=practice) for _ in range(3)]
    mdt_worries = [concern(w, route_kind=RouteKind.MDT, words="She fell in the garden") for w in worlds]
    concern(worlds[0], route_kind=RouteKind.TEAM_LEADER_CALL)  # another route
    concern(around(gp_practice=elsewhere), route_kind=RouteKind.MDT)  # another practice
    closed = concern(worlds[1], route_kind=RouteKind.MDT)
    closed.status, closed.outcome = "closed", "Done"
    closed.save()
    source = registry.agenda_source("concern")
    with django_assert_num_queries(1):
        found = source.suggest(practice.pk, None)
    assert [s.ref for s in found] == [f"concern:{c.pk}" for c in mdt_worries]
    first = found[0]
    assert first.person_id == worlds[0].person.pk and first.volunteer_id == worlds[0].volunteer.pk
    assert first.reason.startswith("A volunteer is worried about their health (raised ")
    assert '"She fell in the garden"' in first.reason


def test_concerns_for_a_neighbourhoods_mdt(db):
    world = around()
    worry = concern(world, route_kind=RouteKind.MDT)
    source = registry.agenda_source("concern")
    assert [s.ref for s in source.suggest(None, world.person.neighbourhood_id)] == (
        [f"concern:{worry.pk}"] if world.person.neighbourhood_id else []
    )
    assert source.suggest(None, None) == []


def test_high_priority_people_with_low_continuity(db, django_assert_num_queries):
    practice = OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE)
    now = timezone.now()

    def person(high: bool, workers: list[int]):
        someone = PersonFactory(gp_practice=practice)
        ContinuityFactsFactory(
            person=someone, frailty="severe", lives_alone=True, wants_continuity=high, priority=7 if high else 3
        )
        staff = [UserFactory() for _ in range(max(workers) + 1)] if workers else []
        for n, w in enumerate(workers):
            ContactFactory(person=someone, practitioner=staff[w], at=now - timedelta(days=5 + n))
        return someone

    many_workers = [person(True, [0, 1, 2, 3, 0]) for _ in range(3)]
    person(True, [0, 0, 0, 1])  # high priority, but mostly one worker
    person(False, [0, 1, 2, 3])  # many workers, but not high priority
    person(True, [0, 1])  # too few contacts to say
    source = registry.agenda_source("continuity")
    with django_assert_num_queries(2):
        found = source.suggest(practice.pk, None)
    assert sorted(s.person_id for s in found) == sorted(p.pk for p in many_workers)
    assert found[0].ref == f"continuity:{found[0].person_id}"
    assert found[0].reason.startswith("Continuity matters a lot to them (they want to see the same person")
    assert "seen 4 different workers in their last 5 contacts" in found[0].reason


def test_referrals_flagged_for_the_mdt_until_discussed(db, django_assert_num_queries):
    from alongside.referrals.tests.factories import ReferralFactory

    practice = OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE)
    flagged = [
        ReferralFactory(
            person=PersonFactory(gp_practice=practice),
            status="triaged",
            discuss_at_mdt=True,
            mdt_reason="Three services involved and nobody leading",
            mdt_flagged_at=timezone.now() - timedelta(days=n + 1),
        )
        for n in range(3)
    ]
    ReferralFactory(person=PersonFactory(gp_practice=practice), status="triaged")  # not flagged
    source = registry.agenda_source("referral")
    with django_assert_num_queries(1):
        found = source.suggest(practice.pk, None)
    assert [s.ref for s in found] == [f"referral:{r.pk}" for r in reversed(flagged)]
    assert found[0].reason.endswith(": Three services involved and nobody leading")
    source.answered(f"referral:{flagged[0].pk}", "Discussed; social worker leads", UserFactory().pk)
    assert f"referral:{flagged[0].pk}" not in [s.ref for s in source.suggest(practice.pk, None)]
