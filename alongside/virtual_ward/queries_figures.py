"""What the virtual ward's figures read: the wards the user may see figures for, and one ward's stays, day
capacities and registered population over a period, as plain values for `measures`.

Service-level only: no person's name or details are read, only times, step-up or down, and outcomes. The number
of queries is the same for any number of episodes (three for the figures, after the ward).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from alongside.partners.roles import caring_team_ids, led_team_ids
from alongside.people.models import Person

from . import measures
from .models import DayCapacity, Episode, Ward


def wards_seen(request) -> list[Ward]:
    """The wards whose team the user gives care in (team leader or nurse): their figures are theirs to see."""
    return list(Ward.objects.filter(team_id__in=caring_team_ids(request)).order_by("name", "pk"))


def wards_exported(request) -> list[Ward]:
    """The wards whose team the user leads: only a team leader downloads the figures to send on."""
    return list(Ward.objects.filter(team_id__in=led_team_ids(request)).order_by("name", "pk"))


def bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """From the start of `first` to the end of `last`, UK time (given in UTC, as the stays' times are read, so that
    comparing them is quick)."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=zone).astimezone(UTC),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC),
    )


@dataclass(frozen=True)
class WardFacts:
    """What one ward's figures over one period are worked out from."""

    ward: Ward
    first: date
    last: date
    start: datetime
    end: datetime
    stays: list[measures.Stay]
    set_beds: dict[date, int]
    population: int
    # True when the population is the practices' registered list sizes held on the ward (with its source);
    # False when it is only the people registered in Alongside (fewer: the figure per population is too high).
    population_registered: bool


def facts(ward: Ward, first: date, last: date) -> WardFacts:
    """Three queries, however many episodes: the stays that overlap the period, the days with their own number
    of beds, and the people registered at the ward's practices (two when the ward holds its registered
    population)."""
    start, end = bounds(first, last)
    rows = (
        Episode.objects.filter(ward=ward, admitted_at__lt=end)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=start))
        .order_by()
        .values_list("admitted_at", "ended_at", "step_up", "outcome")
    )
    stays = [measures.Stay(*row) for row in rows]
    set_beds = dict(
        DayCapacity.objects.filter(ward=ward, day__gte=first, day__lte=last).order_by().values_list("day", "beds")
    )
    if ward.registered_population is not None:
        return WardFacts(ward, first, last, start, end, stays, set_beds, ward.registered_population, True)
    population = Person.objects.filter(gp_practice__in=ward.practices.values("pk")).count()
    return WardFacts(ward, first, last, start, end, stays, set_beds, population, False)
