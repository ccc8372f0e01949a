"""Volunteers, their hubs and what they hold, for the profiles part's tests."""

from datetime import date, timedelta

from django.utils import timezone

from alongside.core.tests.factories import UserFactory
from alongside.partners.models import Organisation, Role, Team
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.volunteers import kept
from alongside.volunteers.models import Agreement, Check, Training, Volunteer
from alongside.volunteers.standing import CURRENT_AGREEMENT, REQUIRED_COURSES


def hub(name: str = "Living Well volunteer hub") -> Team:
    return TeamFactory(
        name=name, kind=Team.Kind.VOLUNTEER_HUB, organisation=OrganisationFactory(kind=Organisation.Kind.VOLUNTARY)
    )


def volunteer_in(team: Team, **user) -> object:
    """A user with the volunteer role in the hub (no profile yet)."""
    return MembershipFactory(team=team, role=Role.VOLUNTEER, **{f"user__{k}": v for k, v in user.items()}).user


def profile(user, **fields) -> Volunteer:
    return Volunteer.objects.create(user=user, **fields)


def in_good_standing(volunteer: Volunteer, today: date | None = None, *, runs_out: dict | None = None) -> Volunteer:
    """Give the volunteer every check and course (each running out in a year unless `runs_out` says otherwise,
    kind -> date) and the current agreement."""
    today = today or timezone.localdate()
    runs_out = runs_out or {}
    recorder = UserFactory()
    for kind in ("dbs", "reference"):
        expires = runs_out.get(kind, today + timedelta(days=365))
        Check.objects.create(
            volunteer=volunteer,
            kind=kind,
            level="enhanced" if kind == "dbs" else "",
            done_on=expires - timedelta(days=3 * 365),
            expires_on=expires,
            recorded_by=recorder,
        )
    for course in REQUIRED_COURSES:
        expires = runs_out.get(course, today + timedelta(days=365))
        Training.objects.create(
            volunteer=volunteer,
            course=course,
            completed_on=expires - timedelta(days=365),
            expires_on=expires,
            recorded_by=recorder,
        )
    Agreement.objects.create(
        volunteer=volunteer, version=CURRENT_AGREEMENT, signed_on=today - timedelta(days=30), recorded_by=recorder
    )
    kept.keep([volunteer.pk])
    return volunteer
