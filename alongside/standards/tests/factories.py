"""Standards as teams make them, through the actions: every standard rated, shared, a stakeholder's link, checks."""

from datetime import timedelta

from django.utils import timezone

from alongside.core.tests.requests import acting_as
from alongside.standards import actions, quarters, queries
from alongside.standards.models import Cycle, Rating, StakeholderLink, Standard


def standards_for(team) -> list[Standard]:
    return list(Standard.objects.filter(standard_set=queries.set_for(team.organisation_id)))


def rate_all(user, team, colours=("green", "amber", "red"), upto: int | None = None) -> list[Rating]:
    request = acting_as(user)
    made = []
    for n, standard in enumerate(standards_for(team)[:upto]):
        colour = colours[n % len(colours)]
        made.append(actions.rate(request, team, standard, colour, f"What shows {n + 1}", f"What we do {n + 1}", 0))
    return made


def shared(leader, team) -> Cycle:
    rate_all(leader, team)
    return actions.share(acting_as(leader), team)


def link_for(leader, cycle, kind: str = "carer") -> str:
    return actions.invite(acting_as(leader), cycle, kind).token


def challenge(token: str, rating: Rating, comment: str = "I do not think so") -> None:
    actions.check(acting_as_nobody(), queries.hash_token(token), {rating.pk: (False, comment)})


def acting_as_nobody():
    from django.contrib.auth.models import AnonymousUser

    return acting_as(AnonymousUser())


def expire(token: str) -> None:
    StakeholderLink.objects.filter(token_hash=queries.hash_token(token)).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )


def move_to_a_closed_quarter(cycle: Cycle) -> None:
    """The cycle as if it were of a quarter long past (its links' own expiry still ahead)."""
    old = quarters.containing(timezone.localdate()).previous().previous()
    Cycle.objects.filter(pk=cycle.pk).update(year=old.year, quarter=old.number)
