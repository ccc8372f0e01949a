"""What the referrals pages and API read, beyond what `access` decides: the pages of referrals a caller may see,
and which of their people the caller may see.

Each function returns plain values or model instances already read. The audit of what was listed is written here,
beside the read it records.
"""

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce

from alongside.people.access import visible_people
from alongside.people.policy import Category

from . import access
from .models import Referral


def shown_person_ids(request, referrals: list[Referral]) -> set[int]:
    """Of these referrals' people, the ones the caller may see under the person-record policy: one query.

    A referral names whoever the referrer wrote about, and the NHS number may have matched someone already known.
    Answering that person's id to a caller who may not see them would tell the caller that the person is known
    to the service, and who they are: so the id is shown only where `visible_people` would list the person, and
    a referral about someone unknown answers exactly as one about someone the caller may not see.
    """
    ids = {r.person_id for r in referrals if r.person_id is not None}
    if not ids:
        return set()
    return set(visible_people(request, Category.NAME).filter(pk__in=ids).values_list("pk", flat=True))


def referrals_page(request, status: str | None, offset: int, limit: int) -> tuple[int, list[Referral]]:
    """How many referrals the caller may see (with `status`, if given), and those from `offset`, newest first, with
    their team and named worker; each one returned is audited, in one insert."""
    referrals = access.visible_referrals(request)
    if status is not None:
        referrals = referrals.filter(status=status)
    referrals = referrals.select_related("team", "named_worker").order_by(
        Coalesce(F("received_at"), F("created_at")).desc(), "-pk"
    )
    with transaction.atomic():  # the audit rows and the answer stand or fall together
        count = referrals.count()
        page = list(referrals[offset : offset + limit])
        access.record_list(request, page, "referral_listed_api")
    return count, page
