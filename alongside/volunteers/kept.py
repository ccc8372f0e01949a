"""What each volunteer's profile keeps about their checks, courses and agreement, brought up to date.

Matching ranks a whole hub at once; reading every check and course of 2,000 volunteers each time is most of its
cost. So each profile keeps the day its first required check or course runs out and the version of the agreement
signed last (`standing.held_until`), and matching reads the checks of only those volunteers that keeps in doubt.
Every write that records a check, a course or an agreement calls `keep` in its transaction; so do the demo and the
test factories, which create them directly. A change to what is required (standing.REQUIRED_*) needs a migration
that calls `keep` for every volunteer.
"""

from collections import defaultdict
from collections.abc import Iterable

from .models import Agreement, Check, Training, Volunteer
from .standing import Held, held_until


def keep(volunteer_ids: Iterable[int]) -> None:
    """Bring what the profiles keep up to date from their checks, courses and agreements: four queries, however
    many volunteers."""
    ids = sorted(set(volunteer_ids))
    if not ids:
        return
    held: dict[int, list[Held]] = defaultdict(list)
    for volunteer_id, kind, expires_on in Check.objects.filter(volunteer_id__in=ids).values_list(
        "volunteer_id", "kind", "expires_on"
    ):
        held[volunteer_id].append(Held(kind, expires_on))
    for volunteer_id, course, expires_on in Training.objects.filter(volunteer_id__in=ids).values_list(
        "volunteer_id", "course", "expires_on"
    ):
        held[volunteer_id].append(Held(course, expires_on))
    signed = dict(
        Agreement.objects.filter(volunteer_id__in=ids)
        .order_by("volunteer_id", "-signed_on", "-pk")
        .distinct("volunteer_id")
        .values_list("volunteer_id", "version")
    )
    profiles = [Volunteer(pk=pk, held_until=held_until(held[pk]), agreement_version=signed.get(pk, "")) for pk in ids]
    Volunteer.objects.bulk_update(profiles, ["held_until", "agreement_version"], batch_size=1000)
