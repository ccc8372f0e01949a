"""Referrals triage asked the MDT to discuss, as an MDT agenda source: flagged, about someone registered at the
practice (or living in the neighbourhood), and not yet discussed. `answered` notes that an action the MDT agreed
about it is done, so it is no longer suggested. One query to suggest."""

from django.db import transaction
from django.utils import timezone

from alongside.core.numbers import whole_number
from alongside.core.registry import AgendaSuggestion
from alongside.people.areas import of_area

from .models import Referral
from .outcome import reference

PREFIX = "referral:"
SUGGESTED = 100


def reason_for(referral: Referral) -> str:
    day = f"{timezone.localtime(referral.mdt_flagged_at or referral.created_at):%-d %B}"
    asked = f"The single point of access asked the MDT to discuss referral {reference(referral.pk)} ({day})"
    return f"{asked}: {referral.mdt_reason}"


def suggest(practice_id: int | None, neighbourhood_id: int | None) -> list[AgendaSuggestion]:
    area = of_area(practice_id, neighbourhood_id)
    if area is None:
        return []
    flagged = Referral.objects.filter(discuss_at_mdt=True, mdt_discussed_at__isnull=True, person__isnull=False)
    flagged = flagged.filter(area)
    return [
        AgendaSuggestion(
            person_id=r.person_id,
            ref=f"{PREFIX}{r.pk}",
            reason=reason_for(r),
            since=r.mdt_flagged_at or r.created_at,
        )
        for r in flagged.order_by("mdt_flagged_at", "pk")[:SUGGESTED]
        if r.person_id is not None
    ]


@transaction.atomic
def answered(ref: str, words: str, by_user_id: int) -> None:
    number = whole_number(ref.removeprefix(PREFIX), high=99_999_999_999)
    if number is None:
        return
    Referral.objects.filter(pk=number, discuss_at_mdt=True, mdt_discussed_at__isnull=True).update(
        mdt_discussed_at=timezone.now()
    )
