"""The ward's settings, changed by its team leader: the GP practices it serves, their registered population and
the baseline year of emergency admissions (with where each comes from), the share of admissions to avoid, the usual
beds, the hours to decide and the hours an episode lasts.

One transaction under the ward's row lock: only the leader of the ward's team may change them (anyone else is
refused, and the view answers a missing page, audited); a save on an older version than the ward's is an
EditConflict, never an overwrite; fewer usual beds than the people on the ward now are refused (TooFewBeds); new
usual beds count only from the day they are saved (keep_past_beds); the change is audited with what changed
(numbers before and after, the practices added and removed; that a source changed, not its words). No person's data
is read or written.
"""

from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from alongside.core import audit
from alongside.core.forms import EditConflict
from alongside.partners.models import Organisation
from alongside.partners.roles import leads_team

from .models import DayCapacity, Episode, Referral, Ward


class Refused(Exception):
    """Not the leader of the ward's team, or no such ward: answered as a missing page."""


class TooFewBeds(Exception):
    """Fewer usual beds than the people on the ward now."""

    def __init__(self, people: int):
        super().__init__(people)
        self.people = people


@dataclass(frozen=True)
class Settings:
    """Everything the settings page changes, as plain values."""

    practice_ids: tuple[int, ...]
    registered_population: int | None
    population_source: str
    baseline_admissions_per_year: int | None
    baseline_source: str
    target_deflection: Decimal
    beds: int
    decision_hours: int
    episode_hours: int


SAVED = [field.name for field in fields(Settings) if field.name != "practice_ids"]
WORDS = ("population_source", "baseline_source")  # free text: the audit says it changed, not what it says


def settings_of(ward: Ward, practice_ids: list[int]) -> Settings:
    return Settings(
        practice_ids=tuple(sorted(practice_ids)),
        registered_population=ward.registered_population,
        population_source=ward.population_source,
        baseline_admissions_per_year=ward.baseline_admissions_per_year,
        baseline_source=ward.baseline_source,
        target_deflection=ward.target_deflection,
        beds=ward.beds,
        decision_hours=ward.decision_hours,
        episode_hours=ward.episode_hours,
    )


def changes(before: Settings, after: Settings) -> dict:
    """What changed, for the audit: a number as [before, after], a source as "changed", the practices as the ids
    added and removed. Empty when nothing changed."""
    found: dict = {}
    for field in fields(Settings):
        was, now = getattr(before, field.name), getattr(after, field.name)
        if was == now:
            continue
        if field.name == "practice_ids":
            found["practices"] = {"added": sorted(set(now) - set(was)), "removed": sorted(set(was) - set(now))}
        elif field.name in WORDS:
            found[field.name] = "changed"
        else:
            found[field.name] = [_plain(was), _plain(now)]
    return found


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


def change_settings(request, ward_id: int, new: Settings, version: int) -> dict:
    """Save the ward's settings as `new`, if the user leads its team and the ward is still at `version`. Returns
    what changed (empty, with nothing saved or audited, when nothing did)."""
    with transaction.atomic():
        ward = Ward.objects.select_for_update().filter(pk=ward_id).first()
        if ward is None or not leads_team(request, ward.team_id):
            raise Refused  # the view has audited the refusal (this transaction is undone with it)
        if ward.version != version:
            raise EditConflict(ward)
        if (
            new.beds < ward.beds
            and (people := Episode.objects.filter(ward=ward, ended_at__isnull=True).count()) > new.beds
        ):
            raise TooFewBeds(people)
        allowed = set(
            Organisation.objects.filter(pk__in=new.practice_ids, kind=Organisation.Kind.GP_PRACTICE).values_list(
                "pk", flat=True
            )
        )
        new = replace(new, practice_ids=tuple(sorted(allowed)))
        before = settings_of(ward, list(ward.practices.values_list("pk", flat=True)))
        changed = changes(before, new)
        if not changed:
            return changed
        if new.beds != ward.beds:
            keep_past_beds(request, ward)
        for name in SAVED:
            setattr(ward, name, getattr(new, name))
        ward.version += 1
        ward.save(update_fields=[*SAVED, "version"])
        if "practices" in changed:
            ward.practices.set(new.practice_ids)
        audit.record(
            request,
            "ward_settings_changed",
            object_type="ward",
            object_id=ward.pk,
            detail={"changed": changed, "version": ward.version},
        )
    return changed


# The figures' default period is the last 12 months: its days keep their beds even before the ward's first referral.
YEAR_BACK = timedelta(days=364)


def keep_past_beds(request, ward: Ward) -> None:
    """Before the usual beds change, write the usual number as it is now as the beds of each past day that has no
    number of its own (from the ward's first referral or stay, or 12 months back if earlier, up to yesterday), so
    that the figures of the past stay as they were and the new number counts only from today. Bed-days available
    are each day's own beds where set, else the usual beds (measures.bed_days_available). One bulk insert; days
    with their own number keep it (the ward's row is locked by the caller, within its transaction)."""
    today = timezone.localdate()
    first = min([today - YEAR_BACK, *(_day(moment) for moment in _first_moments(ward) if moment is not None)])
    reason = f"The usual beds until they changed on {today:%-d %B %Y}"
    rows = [
        DayCapacity(ward=ward, day=first + timedelta(days=n), beds=ward.beds, reason=reason, set_by=request.user)
        for n in range((today - first).days)
    ]
    DayCapacity.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


def _first_moments(ward: Ward) -> tuple:
    referred = Referral.objects.filter(ward=ward).aggregate(first=Min("referred_at"))["first"]
    admitted = Episode.objects.filter(ward=ward).aggregate(first=Min("admitted_at"))["first"]
    return referred, admitted


def _day(moment) -> date:
    return timezone.localtime(moment).date()
