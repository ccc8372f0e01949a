"""Lists and search use `visible_people`, a query; single records use `policy.decide`. They must agree."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from alongside.breakglass.models import BreakGlass
from alongside.consent.models import ConsentProvision
from alongside.core.middleware import attach_roles
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.people.access import NAME_KEPT_BACK, facts_for, names_for_visitor, visible_people
from alongside.people.models import CareRelationship
from alongside.people.policy import Action, Category, decide
from alongside.people.tests.factories import PersonFactory

KINDS = ["named_worker", "care_team", "team_caseload", "volunteer", "proxy"]

person_setup = st.fixed_dictionaries(
    {
        "kinds": st.lists(st.sampled_from(KINDS), max_size=2, unique=True),
        "ended": st.sampled_from([False, False, True]),
        "other_team": st.sampled_from([False, False, True]),
        "glass": st.sampled_from([None, "active", "expired"]),
        "provisions": st.lists(
            st.tuples(
                st.booleans(),
                st.sampled_from(["mine", "mine", "other", "volunteers", "proxies"]),
                st.lists(st.sampled_from([c.value for c in Category]), max_size=2, unique=True),
                st.booleans(),
            ),
            max_size=2,
        ),
        "is_self": st.sampled_from([False] * 5 + [True]),
        "practice": st.sampled_from([None, None, "mine", "other"]),
    }
)


OWN = {
    "kinds": [],
    "ended": False,
    "other_team": False,
    "glass": None,
    "provisions": [],
    "is_self": True,
    "practice": None,
}


class Rollback(Exception):
    pass


@pytest.mark.django_db
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    role=st.sampled_from(["clinician", "volunteer", "team_leader", "gp"]),
    people=st.lists(person_setup, min_size=1, max_size=4),
    category=st.sampled_from(list(Category)),
)
# Found by this test: a member of staff who is named worker on their own record, or has break-glass on it, is
# still only the person there, and the person does not see restricted items.
@example(role="clinician", people=[dict(OWN, kinds=["named_worker"])], category=Category.RESTRICTED)
@example(role="clinician", people=[dict(OWN, glass="active")], category=Category.RESTRICTED)
def test_visible_people_agrees_with_decide_for_every_person(role, people, category):
    try:
        with transaction.atomic():
            check(role, people, category)
            raise Rollback
    except Rollback:
        pass


def check(role, people, category):
    now = timezone.now()
    team = TeamFactory()
    other_team = TeamFactory(organisation=OrganisationFactory())
    user = MembershipFactory(role=role, team=team).user
    request = RequestFactory().get("/")
    request.user = user
    attach_roles(request, user)
    made = []
    for setup in people:
        practice = {"mine": team.organisation, "other": other_team.organisation}.get(setup["practice"])
        person = PersonFactory(user=user if setup["is_self"] and not made else None, gp_practice=practice)
        for kind in setup["kinds"]:
            holder = (
                {"team": other_team if setup["other_team"] else team} if kind == "team_caseload" else {"user": user}
            )
            CareRelationship.objects.create(
                person=person,
                kind=kind,
                started_at=now - timedelta(days=5),
                ended_at=now - timedelta(days=1) if setup["ended"] else None,
                **holder,
            )
        if setup["glass"]:
            expires = now + timedelta(hours=1) if setup["glass"] == "active" else now - timedelta(hours=1)
            BreakGlass.objects.create(
                user=user,
                person=person,
                reason_code="emergency",
                reason_text="x",
                started_at=now - timedelta(hours=2),
                expires_at=expires,
            )
        for permit, actor, categories, withdrawn in setup["provisions"]:
            organisation = {"mine": team.organisation, "other": other_team.organisation}.get(actor)
            ConsentProvision.objects.create(
                person=person,
                permit=permit,
                actor_kind=actor if actor in {"volunteers", "proxies"} else "organisation",
                organisation=organisation,
                categories=categories,
                start=now - timedelta(days=2),
                withdrawn_at=now - timedelta(hours=1) if withdrawn else None,
            )
        made.append(person)
    expected = {p.pk for p in made if decide(facts_for(request, p), Action.READ, category)}
    assert set(visible_people(request, category).values_list("pk", flat=True)) == expected


@pytest.mark.django_db
def test_names_for_visitor_keeps_back_a_refused_name_in_one_query(django_assert_num_queries):
    """What a volunteer is shown for each person they visit: the name, or "the person you visit" where the person
    refused volunteers their name (the same rule as `visible_people`), in one query however many people."""
    volunteer = MembershipFactory(role="volunteer").user
    shared, refused, stranger = (PersonFactory(given_name=n, family_name="Price") for n in ("Ada", "Bea", "Cy"))
    for person in (shared, refused):
        CareRelationship.objects.create(person=person, user=volunteer, kind="volunteer")
    ConsentProvision.objects.create(person=refused, permit=False, actor_kind="volunteers", categories=["name"])
    request = acting_as(volunteer, "get")
    with django_assert_num_queries(1):
        names = names_for_visitor(request, [shared, refused, stranger])
    assert names == {shared.pk: "Ada Price", refused.pk: NAME_KEPT_BACK, stranger.pk: NAME_KEPT_BACK}
    with django_assert_num_queries(0):
        assert names_for_visitor(request, []) == {}
