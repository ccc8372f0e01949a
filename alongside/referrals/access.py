"""Who may see and act on referrals. Every view, list and API call about referrals asks here; every read is audited.

- The single point of access (anyone holding the spa_triage role, and the leaders of a single-point-of-access
  team) sees every referral that has been sent, and decides on them.
- A referrer sees the referrals they made, drafts included, and what became of them.
- A team that accepted a referral sees it from then on, and its leaders allocate the named worker.
Anything else answers 404, exactly like a referral that does not exist.
"""

from enum import StrEnum

from django.db.models import Q, QuerySet
from django.http import Http404

from alongside.core import audit
from alongside.partners.roles import caring_team_ids, is_triage, leads_team

from .lifecycle import Status
from .models import Referral

SEEN_BY_ACCEPTING_TEAM = [Status.ACCEPTED.value, Status.ALLOCATED.value, Status.CLOSED.value]


class Basis(StrEnum):
    TRIAGE = "single point of access"
    REFERRER = "referrer"
    ACCEPTING_TEAM = "accepting team"


def visible_referrals(request) -> QuerySet[Referral]:
    """The referrals this user may see, as one query: never a row they may not."""
    user = request.user
    if not user.is_authenticated:
        return Referral.objects.none()
    own = Q(referrer_user=user)
    if is_triage(request):
        return Referral.objects.filter(own | ~Q(status=Status.DRAFT))
    accepted = Q(team_id__in=caring_team_ids(request), status__in=SEEN_BY_ACCEPTING_TEAM)
    return Referral.objects.filter(own | accepted)


def basis_for(request, referral: Referral) -> Basis | None:
    if referral.referrer_user_id == request.user.id:
        return Basis.REFERRER
    if referral.status == Status.DRAFT:
        return None
    if is_triage(request):
        return Basis.TRIAGE
    if referral.team_id in caring_team_ids(request) and referral.status in SEEN_BY_ACCEPTING_TEAM:
        return Basis.ACCEPTING_TEAM
    return None


def may_decide(request) -> bool:
    return is_triage(request)


def may_allocate(request, referral: Referral) -> bool:
    return is_triage(request) or leads_team(request, referral.team_id)


def open_referral(request, referral_id, what: str, for_update: bool = False) -> tuple[Referral, Basis]:
    """One referral for this request, or 404 as if it did not exist. Audited either way."""
    found = Referral.objects.select_related("person", "team", "named_worker", "referrer_user", "neighbourhood")
    if for_update:
        found = found.select_for_update(of=("self",))
    referral = found.filter(pk=referral_id).first()
    # A missing referral and a refused one take the same path: one read, one audit write, the same 404.
    basis = basis_for(request, referral) if referral is not None else None
    if basis is None:
        person_id = referral.person_id if referral is not None else None
        audit.record(request, f"denied:{what}", object_type="referral", object_id=referral_id, person_id=person_id)
        raise Http404
    record(request, referral, what, basis)
    return referral, basis


def record(request, referral: Referral, what: str, basis: Basis | str, **detail) -> None:
    audit.record(
        request,
        what,
        object_type="referral",
        object_id=referral.pk,
        person_id=referral.person_id,
        basis=str(basis),
        detail=detail,
    )


def record_list(request, referrals: list[Referral], what: str) -> None:
    """A list of referrals is a read of each: one audit row per referral shown, written in one insert."""
    rows = [(r.pk, r.person_id, str(basis_for(request, r) or ""), {}) for r in referrals]
    audit.record_rows(request, what, "referral", rows)


def record_candidates(request, referral: Referral, ranked: list) -> None:
    """Each possible match shown to triage is a read about that person: how their details compare with the
    referral's, on the basis of matching this referral. Their details themselves are not shown (ADR 0016)."""
    rows = [
        (c.person_id, c.person_id, "referral matching", {"referral": referral.pk, "rank": rank})
        for rank, c in enumerate(ranked, start=1)
    ]
    audit.record_rows(request, "referral_candidate_shown", "person", rows)


def may_match(request, referral: Referral) -> bool:
    """Confirming who a referral is about needs a second person: never the user who wrote it (ADR 0016)."""
    return may_decide(request) and referral.referrer_user_id != request.user.id


def record_matching_refused(request, referral: Referral) -> None:
    """The writer of a referral asked for its candidates: refused, nobody's details read, and recorded."""
    audit.record(
        request,
        "denied:referral_matching",
        object_type="referral",
        object_id=referral.pk,
        person_id=referral.person_id,
        basis=str(Basis.REFERRER),
        detail={"why": "wrote the referral"},
    )
