"""What the referrals pages and API read, beyond what `access` decides: the pages of referrals a caller may see
(the triage queue, referrals I made, my teams' referrals, the API's list), a referral's history and messages, and
which of their people the caller may see.

Each function returns plain values or model instances already read. The audit of what was listed is written here,
beside the read it records.
"""

from datetime import timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from alongside.core.models import Message
from alongside.core.numbers import whole_number
from alongside.partners.models import Neighbourhood
from alongside.partners.roles import caring_team_ids
from alongside.people.access import visible_people
from alongside.people.policy import SEEN_BY_ACCEPTING_TEAM, Category

from . import access
from .lifecycle import Status
from .models import URGENCY_ORDER, Referral, Source, Transition, Urgency

PAGE_SIZE = 50
# Decided and closed lists only grow: newest first, each served by an index. Waiting lists: soonest due first.
QUEUE_ORDER = {"decided": ("-decided_at", "-pk"), "closed": ("-closed_at", "-pk")}


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
    referrals = referrals.select_related("team", "named_worker", "person").order_by(
        Coalesce(F("received_at"), F("created_at")).desc(), "-pk"
    )
    with transaction.atomic():  # the audit rows and the answer stand or fall together
        count = referrals.count()
        page = list(referrals[offset : offset + limit])
        access.record_list(request, page, "referral_listed_api")
    return count, page


def neighbourhoods() -> list[Neighbourhood]:
    """Every neighbourhood, by name: what the queue may be narrowed to."""
    return list(Neighbourhood.objects.order_by("name"))


def queue_page(request, view: str, statuses: list, chosen: dict[str, str], page_number) -> tuple[dict, Page]:
    """The triage queue: how many referrals of each urgency the caller may see in this view (`statuses`), narrowed
    to the chosen source, urgency and neighbourhood where those are real, and one page of them with their
    neighbourhood, in the view's order; each one on the page is audited."""
    referrals = access.visible_referrals(request).filter(status__in=statuses)
    if chosen["source"] in Source.values:
        referrals = referrals.filter(source=chosen["source"])
    if chosen["urgency"] in Urgency.values:
        referrals = referrals.filter(urgency=chosen["urgency"])
    if (neighbourhood_id := whole_number(chosen["neighbourhood"])) is not None:
        referrals = referrals.filter(neighbourhood_id=neighbourhood_id)
    counts = referrals.aggregate(**{u: Count("pk", filter=Q(urgency=u)) for u in Urgency.values})
    order = QUEUE_ORDER.get(view) or (_overdue_rank(timezone.now()), _due_order(), "pk")
    ordered = referrals.select_related("neighbourhood").order_by(*order)
    page = _page(ordered, page_number)
    counts["total"] = page.paginator.count
    access.record_list(request, page.object_list, "referral_queue_viewed")
    return counts, page


def made_by_me_page(request, page_number) -> Page:
    """One page of the referrals the user made, drafts first, then newest, with their team and named worker; each
    one on the page is audited."""
    made = (
        Referral.objects.filter(referrer_user=request.user)
        .select_related("team", "named_worker", "person")
        .order_by(Case(When(status=Status.DRAFT, then=0), default=1), "-created_at")
    )
    page = _page(made, page_number)
    access.record_list(request, page.object_list, "referral_listed_by_referrer")
    return page


def accepted_by_my_teams_page(request, page_number) -> Page:
    """One page of the referrals the user's teams accepted that the user may see: those still needing a named
    worker first, then the newest decided, with team, named worker and person; each one on the page is audited."""
    accepted = (
        access.visible_referrals(request)
        .filter(team_id__in=caring_team_ids(request), status__in=sorted(SEEN_BY_ACCEPTING_TEAM))
        .select_related("team", "named_worker", "person")
        .order_by(Case(When(status=Status.ACCEPTED, then=0), default=1), "-decided_at", "-pk")
    )
    page = _page(accepted, page_number)
    access.record_list(request, page.object_list, "referral_listed_for_team")
    return page


def passed_to_my_service_page(request, page_number) -> Page:
    """One page of the referrals passed to the user's partner service: those waiting for its answer first, then
    the newest; each one on the page is audited."""
    passed = (
        access.visible_referrals(request)
        .filter(partner_id__in=sorted(access.coordinated_organisation_ids(request)))
        .select_related("partner")
        .order_by(Case(When(status=Status.REDIRECTED, partner_answer="", then=0), default=1), "-decided_at", "-pk")
    )
    page = _page(passed, page_number)
    access.record_list(request, page.object_list, "referral_listed_for_service")
    return page


HOME_ROWS = 5  # on a home page: the first few, with a link to the whole list
NEWS_DAYS = 14  # a referral's outcome is news for two weeks


def coordinator_home(request) -> dict:
    """What waits for a coordinator: referrals passed to their service not yet answered, oldest first, and their own
    referrals decided lately, newest first, with how many of each there are; each one shown is audited."""
    waiting = (
        access.visible_referrals(request)
        .filter(
            partner_id__in=sorted(access.coordinated_organisation_ids(request)),
            status=Status.REDIRECTED,
            partner_answer="",
        )
        .select_related("partner")
        .order_by("decided_at", "pk")
    )
    since = timezone.now() - timedelta(days=NEWS_DAYS)
    news = (
        Referral.objects.filter(referrer_user=request.user)
        .filter(Q(decided_at__gte=since) | Q(partner_answered_at__gte=since))
        .select_related("team", "named_worker", "person")
        .order_by(Coalesce("partner_answered_at", "decided_at").desc(), "-pk")
    )
    with transaction.atomic():
        counts = {"waiting": waiting.count(), "news": news.count()}
        shown_waiting, shown_news = list(waiting[:HOME_ROWS]), list(news[:HOME_ROWS])
        access.record_list(request, shown_waiting, "referral_listed_on_home")
        access.record_list(request, shown_news, "referral_listed_on_home")
    return {"counts": counts, "waiting": shown_waiting, "news": shown_news}


def history(referral: Referral) -> list[Transition]:
    """Each step the referral took, with who took it."""
    return list(referral.transitions.select_related("by").all())


def messages_sent(referral: Referral) -> list[Message]:
    """The messages sent about the referral, oldest first."""
    return list(Message.objects.filter(reference__startswith=f"referral-{referral.pk}-").order_by("created_at"))


def _overdue_rank(now):
    """The overdue first, urgent before soon before routine (`timers.queue_key`); then everything else."""
    targets = settings.TRIAGE_TARGET_HOURS
    return Case(
        *(
            When(urgency=u, received_at__lt=now - timedelta(hours=targets[u]), then=Value(URGENCY_ORDER[u]))
            for u in Urgency.values
        ),
        default=Value(len(URGENCY_ORDER)),
    )


def _due_order():
    """Soonest due first: received time plus the urgency's target, so the overdue rise to the top."""
    targets = settings.TRIAGE_TARGET_HOURS
    return Case(
        *(When(urgency=u, then=F("received_at") + timedelta(hours=targets[u])) for u in Urgency.values),
        default=F("received_at"),
    )


def _page(referrals, page_number) -> Page:
    page = Paginator(referrals, PAGE_SIZE).get_page(page_number)
    page.object_list = list(page.object_list)
    return page
