"""Reading for the referring part: who may refer a person, the services that can take a referral, a referral by
its link, and a person's community referrals. Every read of a person goes through alongside.people.access."""

import hashlib
import hmac
from base64 import urlsafe_b64encode
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.db.models import Case, QuerySet, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from alongside.core import registry
from alongside.partners.models import Team
from alongside.people.access import Read, acting, decide, open_record, record, record_denied, record_each
from alongside.people.models import Person
from alongside.people.policy import Acting, Action, Basis, Category, Decision

from . import finding_queries
from .finding import Search
from .models import Service
from .referring_models import CommunityReferral
from .referring_rules import Status

# What the person may agree to share with the service, besides what would help (always sent: it is the referral).
SHAREABLE = (
    (Category.NAME.value, "Their name"),
    (Category.CONTACT.value, "Their address and phone number"),
    (Category.COMMUNICATION.value, "How best to communicate with them"),
)


@dataclass(frozen=True)
class Start:
    """Where a referral started besides the person page ("concern:12"), as the referrer sees it."""

    came_from: str
    shown: registry.StartShown
    href: str  # the start's page

    @property
    def words(self) -> str:
        return self.shown.words


def start_of(request, came_from: str, person_id: int | None = None) -> Start | None:
    """The start named by `came_from` ("kind:ref"), when its capability knows it, the user may act on it, and it is
    about this person (when given); else None, and the referral is made from the person page as usual."""
    kind, _, ref = (came_from or "")[:60].partition(":")
    start = registry.referral_start(kind) if ref else None
    shown = start.describe(request, ref) if start else None
    if shown is None or (person_id is not None and shown.person_id != person_id):
        return None
    return Start(f"{kind}:{ref}", shown, start.page(ref))


def open_for_referring(request, person_id: int, what: str, start: Start | None = None):
    """The person, for staff who may write their record (the one access policy, Action.WRITE on care), or who may
    act on the start the referral comes from (a concern they answer: a hub's coordinator refers from a social worry
    without reading the record); 404 for anyone else, as if the person did not exist. Audited either way."""
    if acting(request) != Acting.STAFF:  # volunteers, the person and proxies do not refer as staff
        record_denied(request, what, None, object_id=person_id)
        raise Http404
    if start is not None and start.shown.person_id == person_id and not _writes_record(request, person_id):
        person = Person.objects.get(pk=person_id)
        basis = Basis(start.shown.basis)
        record(request, what, person.pk, basis, came_from=start.came_from)
        return person, Decision(True, basis)
    person, decision, _facts = open_record(request, person_id, Category.CARE, what, Action.WRITE)
    return person, decision


def start_page(referral: CommunityReferral) -> str:
    """The page the referral started from (a concern), else the person's."""
    kind, _, ref = referral.came_from.partition(":")
    start = registry.referral_start(kind) if ref else None
    if start is not None:
        return start.page(ref)
    return reverse("people:person", args=[referral.person_id]) + "#community-referrals"


def _writes_record(request, person_id: int) -> bool:
    person = Person.objects.filter(pk=person_id).first()
    return person is not None and bool(decide(request, person, Action.WRITE, Category.CARE))


def referral_page(request, person_id: int, came_from: str) -> str | None:
    """For a capability's page (a concern): where this user refers the person from there, when they may (as
    `open_for_referring` decides, here without an audit row: nothing is shown yet)."""
    if acting(request) != Acting.STAFF:
        return None
    if start_of(request, came_from, person_id) is None and not _writes_record(request, person_id):
        return None
    return reverse("directory:referring_choose", args=[person_id]) + "?" + urlencode({"from": came_from})


def referable(service_id) -> Service | None:
    """An open service that takes referrals by email, or None."""
    return (
        finding_queries.open_services()
        .exclude(referral_email="")
        .select_related("organisation")
        .filter(pk=service_id)
        .first()
    )


def search_referable(words: str) -> list[Service]:
    """The open services that take referrals by email whose name or description match the words (the finding
    part's search), first 20."""
    found = finding_queries.search(Search(words=tuple(words.split()[:6]))) if words.strip() else None
    ids = [s.id for s in found.services] if found else None
    services = finding_queries.open_services().exclude(referral_email="").select_related("organisation")
    if ids is not None:
        services = services.filter(pk__in=ids)
    return list(services.order_by("name")[:20])


def token_for(referral_form_key: UUID, number: int = 1) -> str:
    """The link's token: made from the server's secret, the referral's form key and which link this is (a new link
    replaces the one before), so that a reminder can send the same link while the database keeps only its SHA-256
    hash (the database alone cannot answer)."""
    which = "" if number == 1 else f":{number}"
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"community-referral-link:{referral_form_key}{which}".encode(), hashlib.sha256
    ).digest()
    return urlsafe_b64encode(digest).decode().rstrip("=")


def by_token(token: str) -> CommunityReferral | None:
    if not token or len(token) > 100:
        return None
    return (
        CommunityReferral.objects.select_related("person", "service", "service__organisation", "team", "referred_by")
        .filter(token_hash=CommunityReferral.hash(token))
        .first()
    )


def referral_for(request, referral_id: int, what: str) -> CommunityReferral:
    """One referral with its service and person, for its referrer (on the basis of having made it) and for staff who
    may write the person's record; 404 for anyone else, and for one that does not exist, the same way. Audited
    either way. The basis is kept on the referral as `basis`."""
    referral = (
        CommunityReferral.objects.select_related("person", "service", "service__organisation", "referred_by", "team")
        .filter(pk=referral_id)
        .first()
    )
    basis = keeping_basis(request, referral) if referral is not None else None
    if referral is None or basis is None:
        person_id = referral.person_id if referral else None
        record_denied(request, what, person_id, object_type="community_referral", object_id=referral_id)
        raise Http404
    record(request, what, referral.person_id, basis, object_type="community_referral", object_id=referral.pk)
    referral.basis = basis
    return referral


def keeping_basis(request, referral: CommunityReferral) -> Basis | None:
    """On what basis the user may see the referral and send the service a new link: its referrer, or staff who may
    write the person's record; None for anyone else. Not audited: the caller audits."""
    if acting(request) != Acting.STAFF:
        return None
    if referral.referred_by_id == request.user.id:
        return Basis.REFERRER
    decision = decide(request, referral.person, Action.WRITE, Category.CARE)
    return decision.basis if decision.allowed else None


def made_by(request, limit: int) -> list[CommunityReferral]:
    """The user's own referrals of the last 90 days, those still waiting for an answer first, each audited as a read
    of its person's name on the basis of having made it (one insert)."""
    since = timezone.now() - timedelta(days=90)
    found = list(
        CommunityReferral.objects.filter(referred_by_id=request.user.id, sent_at__gte=since)
        .select_related("person", "service")
        .order_by(Case(When(status=Status.SENT, then=0), default=1), "-sent_at")[:limit]
    )
    record_each(
        request,
        "community_referrals_listed",
        [Read(r.person_id, Basis.REFERRER, object_id=r.pk) for r in found],
        object_type="community_referral",
    )
    return found


def team_phone(team_id: int | None) -> str:
    return Team.objects.filter(pk=team_id).values_list("phone", flat=True).first() or "" if team_id else ""


def for_person(person_id: int) -> QuerySet[CommunityReferral]:
    return CommunityReferral.objects.filter(person_id=person_id).select_related("service", "referred_by")


@dataclass(frozen=True)
class ForService:
    """What the service sees through its link: only what the person agreed to share, and what would help."""

    name: str
    address: str
    phone: str
    communication: str
    what_would_help: str


def for_service(request, referral: CommunityReferral) -> ForService:
    """What the service sees, audited as a read of the person's data on the basis of receiving the referral."""
    record(
        request,
        "community_referral_shown_to_service",
        referral.person_id,
        Basis.RECEIVING_SERVICE,
        object_type="community_referral",
        object_id=referral.pk,
        shared=referral.shared,
    )
    person, shared = referral.person, set(referral.shared)
    address = ", ".join(p for p in (person.address_line, person.town, person.postcode) if p)
    return ForService(
        name=person.full_name if Category.NAME in shared else "",
        address=address if Category.CONTACT in shared else "",
        phone=person.phone if Category.CONTACT in shared else "",
        communication=person.communication_needs if Category.COMMUNICATION in shared else "",
        what_would_help=referral.what_would_help,
    )
