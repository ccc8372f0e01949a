"""What the coordinators' reports on community referrals read: who may see them, and the figures for a period, in
six queries however many referrals, services and needs there are. Nothing here reads a person's record: a
referral is read only for its service, its team, where it stands and its times.

Who sees the reports (care model): community coordinators (role "coordinator", in any team: they refer people to
community services and follow up with them) and team leaders (who answer for their team's referrals). Each sees
the referrals made by the teams of the organisations they coordinate or lead in (CommunityReferral.team's
organisation): counts, so nobody's name or words, and a whole organisation's, so a service that never answers
shows however many teams have tried it. A referral with no team is in nobody's reports."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Prefetch
from django.utils import timezone

from alongside.partners.models import Role

from . import reports
from .models import Phone, Service, TaxonomyTerm
from .referring_models import CommunityReferral

READER_ROLES = frozenset({Role.COORDINATOR, Role.TEAM_LEADER})


def organisation_ids(request) -> frozenset[int]:
    """The organisations whose referrals the user sees in the reports: where they coordinate or lead a team. No
    query: memberships are read once per request."""
    return frozenset(m.team.organisation_id for m in getattr(request, "memberships", ()) if m.role in READER_ROLES)


def may_see_reports(request) -> bool:
    return bool(organisation_ids(request))


@dataclass(frozen=True)
class ServiceFacts:
    """What the reports show of a service: its name, its organisation's, and how to chase it."""

    id: object
    name: str
    organisation: str
    referral_email: str
    phone: str


@dataclass(frozen=True)
class Figures:
    referrals: list[reports.Referral]
    services: dict[object, ServiceFacts]
    service_needs: dict[object, list]
    parents: dict
    need_names: dict


def _start(day: date | None) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, time.min)) if day else None


def figures(organisations: frozenset[int], since: date | None) -> Figures:
    """The referrals made by these organisations' teams sent since the day (None: ever), with the services they
    went to and the needs those services meet. Six queries, or one when there are no referrals."""
    referrals = CommunityReferral.objects.filter(team__organisation_id__in=list(organisations))
    start = _start(since)
    if start is not None:
        referrals = referrals.filter(sent_at__gte=start)
    rows = referrals.order_by().values_list("service_id", "status", "sent_at", "first_answered_at")
    found = [reports.Referral(*row) for row in rows]
    if not found:
        return Figures([], {}, {}, {}, {})
    service_ids = {r.service_id for r in found}
    services = (
        Service.objects.filter(pk__in=service_ids)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("phones", queryset=Phone.objects.order_by("id")),
            Prefetch("organisation__phones", queryset=Phone.objects.order_by("id")),
            "service_terms",
        )
    )
    facts, needs = {}, {}
    for service in services:
        phones = list(service.phones.all()) or list(service.organisation.phones.all())
        facts[service.pk] = ServiceFacts(
            service.pk,
            service.name,
            service.organisation.name,
            service.referral_email,
            phones[0].number if phones else "",
        )
        needs[service.pk] = [t.term_id for t in service.service_terms.all()]
    terms = list(TaxonomyTerm.objects.order_by().values_list("pk", "parent_id", "name"))
    return Figures(
        found,
        facts,
        needs,
        {pk: parent for pk, parent, _ in terms},
        {pk: name for pk, _, name in terms},
    )
