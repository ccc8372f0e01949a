"""Who may see and act on referrals. Every view, list and API call about referrals asks here; every read is audited.

Who may see a referral is a rule of the one access policy, `alongside.people.policy.referral_basis`, with its
bases; this module gathers its facts, writes the same rule as one query for lists, and audits every read:
- The single point of access (anyone holding the spa_triage role, and the leaders of a single-point-of-access
  team) sees every referral that has been sent, and decides on them.
- A referrer sees the referrals they made, drafts included, and what became of them.
- A team that accepted a referral sees it from then on, and its leaders allocate the named worker and then
  close the referral.
- A referral redirected to a voluntary service that is a partner in Alongside reaches that organisation's
  coordinators, who see it while it is theirs, and take it on or hand it back.
Anything else answers 404, exactly like a referral that does not exist.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from alongside.partners.models import Role
from alongside.partners.roles import caring_team_ids, is_triage, leads_team
from alongside.people.access import Read, record_denied, record_each
from alongside.people.access import record as record_for_person
from alongside.people.policy import (
    REFERRAL_DRAFT,
    SEEN_BY_ACCEPTING_TEAM,
    SEEN_BY_RECEIVING_SERVICE,
    Basis,
    ReferralFacts,
    referral_basis,
)

from .models import Referral


def visible_referrals(request) -> QuerySet[Referral]:
    """The referrals this user may see, as one query: `policy.referral_basis` written as a filter, so that a list
    never holds a row the user may not see."""
    user = request.user
    if not user.is_authenticated:
        return Referral.objects.none()
    own = Q(referrer_user=user)
    if is_triage(request):
        return Referral.objects.filter(own | ~Q(status=REFERRAL_DRAFT))
    accepted = Q(team_id__in=caring_team_ids(request), status__in=sorted(SEEN_BY_ACCEPTING_TEAM))
    received = Q(
        partner_id__in=sorted(coordinated_organisation_ids(request)), status__in=sorted(SEEN_BY_RECEIVING_SERVICE)
    )
    return Referral.objects.filter(own | accepted | received)


def coordinated_organisation_ids(request) -> frozenset[int]:
    """The organisations in which the user is a coordinator: the partner services whose referrals reach them."""
    return frozenset(m.team.organisation_id for m in request.memberships if m.role == Role.COORDINATOR)


def facts_for(request, referral: Referral) -> ReferralFacts:
    return ReferralFacts(
        made_it=referral.referrer_user_id is not None and referral.referrer_user_id == request.user.id,
        status=referral.status,
        triage=is_triage(request),
        in_its_team=referral.team_id is not None and referral.team_id in caring_team_ids(request),
        in_receiving_service=referral.partner_id is not None
        and referral.partner_id in coordinated_organisation_ids(request),
    )


def basis_for(request, referral: Referral) -> Basis | None:
    return referral_basis(facts_for(request, referral))


def may_decide(request) -> bool:
    return is_triage(request)


def may_allocate(request, referral: Referral) -> bool:
    return is_triage(request) or leads_team(request, referral.team_id)


def may_close(request, referral: Referral) -> bool:
    """Whoever may allocate the named worker may close the referral once that is done; the single point of
    access closes the referrals it redirected or declined."""
    return may_allocate(request, referral)


def may_answer(request, referral: Referral) -> bool:
    """The partner service's coordinators take on, or hand back, a referral passed to them and not yet answered."""
    return (
        referral.status == "redirected"
        and not referral.partner_answer
        and referral.partner_id in coordinated_organisation_ids(request)
    )


def open_referral(request, referral_id, what: str, for_update: bool = False) -> tuple[Referral, Basis]:
    """One referral for this request, or 404 as if it did not exist. Audited either way."""
    found = Referral.objects.select_related(
        "person", "team", "named_worker", "referrer_user", "neighbourhood", "partner"
    )
    if for_update:
        found = found.select_for_update(of=("self",))
    referral = found.filter(pk=referral_id).first()
    # A missing referral and a refused one take the same path: one read, one audit write, the same 404.
    basis = basis_for(request, referral) if referral is not None else None
    if basis is None:
        person_id = referral.person_id if referral is not None else None
        record_denied(request, what, person_id, object_type="referral", object_id=referral_id)
        raise Http404
    record(request, referral, what, basis)
    return referral, basis


def record(request, referral: Referral, what: str, basis: Basis | None, **detail) -> None:
    record_for_person(request, what, referral.person_id, basis, object_type="referral", object_id=referral.pk, **detail)


def record_list(request, referrals: list[Referral], what: str) -> None:
    """A list of referrals is a read of each: one audit row per referral shown, written in one insert."""
    record_each(
        request, what, [Read(r.person_id, basis_for(request, r), object_id=r.pk) for r in referrals], "referral"
    )


def record_candidates(request, referral: Referral, ranked: list) -> None:
    """Each possible match shown to triage is a read about that person: how their details compare with the
    referral's, on the basis of matching this referral. Their details themselves are not shown (ADR 0016)."""
    reads = [
        Read(c.person_id, Basis.REFERRAL_MATCHING, {"referral": referral.pk, "rank": rank})
        for rank, c in enumerate(ranked, start=1)
    ]
    record_each(request, "referral_candidate_shown", reads)


def may_match(request, referral: Referral) -> bool:
    """Confirming who a referral is about needs a second person: never the user who wrote it (ADR 0016)."""
    return may_decide(request) and referral.referrer_user_id != request.user.id


def record_matching_refused(request, referral: Referral) -> None:
    """The writer of a referral asked for its candidates: refused, nobody's details read, and recorded."""
    record_for_person(
        request,
        "denied:referral_matching",
        referral.person_id,
        Basis.REFERRER,
        object_type="referral",
        object_id=referral.pk,
        why="wrote the referral",
    )
