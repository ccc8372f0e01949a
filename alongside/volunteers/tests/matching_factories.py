"""Test helpers for matching: a volunteer hub with its coordinator, volunteers in good standing (or lapsed), and
people asking it for a volunteer."""

from datetime import timedelta

from django.utils import timezone

from alongside.core.tests.factories import UserFactory, enrol_totp
from alongside.partners.models import Organisation, Role, Team
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.people.tests.factories import PersonFactory
from alongside.volunteers import kept
from alongside.volunteers.models import Agreement, Check, Training, Volunteer, VolunteerRequest
from alongside.volunteers.standing import CURRENT_AGREEMENT, REQUIRED_COURSES


def practice(name: str = "Riverside Medical Centre") -> Organisation:
    return OrganisationFactory(name=name, kind=Organisation.Kind.GP_PRACTICE)


def hub(name: str = "Living Well volunteer hub") -> Team:
    return TeamFactory(
        name=name, kind=Team.Kind.VOLUNTEER_HUB, organisation=OrganisationFactory(kind="voluntary_organisation")
    )


def volunteer(
    team: Team,
    *,
    first_name: str = "Val",
    last_name: str = "Unteer",
    practices=(),
    languages=(),
    interests=(),
    home_district: str = "",
    capacity: int = 2,
    lapsed: bool = False,
    by_text: bool = False,
    by_email: bool = False,
    phone: str = "",
    email: str = "",
):
    """A hub volunteer with a profile, in good standing unless `lapsed` (their DBS check ran out yesterday)."""
    user = UserFactory(first_name=first_name, last_name=last_name, email=email)
    MembershipFactory(user=user, team=team, role=Role.VOLUNTEER)
    user.totp_secret = enrol_totp(user)  # for signing in through the pages in a browser journey
    profile = Volunteer.objects.create(
        user=user,
        languages=list(languages),
        interests=list(interests),
        home_district=home_district,
        capacity=capacity,
        by_text=by_text,
        by_email=by_email,
        phone=phone,
    )
    profile.practices.set(practices)
    today = timezone.localdate()
    done = today - timedelta(days=400)
    recorder = UserFactory()
    dbs_ends = today - timedelta(days=1) if lapsed else today + timedelta(days=400)
    Check.objects.create(volunteer=profile, kind="dbs", done_on=done, expires_on=dbs_ends, recorded_by=recorder)
    Check.objects.create(
        volunteer=profile, kind="reference", done_on=done, expires_on=today + timedelta(days=400), recorded_by=recorder
    )
    for course in REQUIRED_COURSES:
        Training.objects.create(
            volunteer=profile,
            course=course,
            completed_on=done,
            expires_on=today + timedelta(days=400),
            recorded_by=recorder,
        )
    Agreement.objects.create(volunteer=profile, version=CURRENT_AGREEMENT, signed_on=done, recorded_by=recorder)
    kept.keep([profile.pk])
    return user


def asking(
    team: Team, *, person=None, gp_practice=None, postcode="NV2 4AB", languages=(), interests=(), **person_fields
):
    """A person with a request waiting with the hub."""
    person = person or PersonFactory(gp_practice=gp_practice, postcode=postcode, **person_fields)
    return VolunteerRequest.objects.create(
        person=person,
        hub=team,
        asked_by=UserFactory(),
        asked_as="staff",
        what_would_help="Someone to chat with over a cup of tea",
        languages=list(languages),
        interests=list(interests),
    )
