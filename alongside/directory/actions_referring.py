"""Every change of a community referral: sending it, the service's answer through its link, and the reminder
when no answer comes in five working days. Each checks permission, runs in one transaction, is audited through
the one access policy (alongside.people.access), and writes an entry on the person's timeline."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from alongside.core import notify, registry
from alongside.core.forms import EditConflict
from alongside.core.models import Alert
from alongside.core.registry import ReferralNews
from alongside.partners.roles import caring_team_ids
from alongside.people.access import record
from alongside.people.models import Entry
from alongside.people.policy import Basis

from . import referring_queries, referring_rules
from .referring_models import CommunityReferral
from .referring_rules import Status

TIMELINE_KIND = "community_referral"


class NotAllowed(Exception):
    """The answer is not one the referral allows now, or its words are missing."""


@dataclass(frozen=True)
class Referring:
    service_id: UUID
    what_would_help: str
    shared: tuple[str, ...]
    agreed: bool
    form_key: UUID
    came_from: str = ""  # "kind:ref" when it started from a concern: checked again here (referring_queries.start_of)


def link(referral: CommunityReferral) -> str:
    token = referring_queries.token_for(referral.form_key, referral.link_number)
    return referral.site + reverse("directory:referring_answer", args=[token])


def send(request, person_id: int, referring: Referring) -> CommunityReferral:
    """Send the referral and email the service its one-time link. PermissionDenied unless the user may write the
    person's record as staff (audited); NotAllowed for a service that takes no referrals, no agreement, or no
    words. Sending the same form twice (same form key) sends once and returns the first."""
    start = referring_queries.start_of(request, referring.came_from, person_id)
    person, decision = referring_queries.open_for_referring(request, person_id, "community_referral_send", start)
    earlier = CommunityReferral.objects.filter(form_key=referring.form_key).first()
    if earlier is not None:
        if earlier.referred_by_id != request.user.id:
            raise PermissionDenied
        return earlier
    service = referring_queries.referable(referring.service_id)
    words = referring.what_would_help.strip()
    shareable = {value for value, _ in referring_queries.SHAREABLE}
    if service is None or not referring.agreed or not words or not set(referring.shared) <= shareable:
        raise NotAllowed("Choose a service that takes referrals, say what would help, and record the agreement")
    now = timezone.now()
    teams = caring_team_ids(request)
    try:
        with transaction.atomic():
            referral = CommunityReferral.objects.create(
                person=person,
                service=service,
                referred_by=request.user,
                team_id=teams[0] if teams else None,
                what_would_help=words,
                shared=sorted(set(referring.shared)),
                agreed_on=timezone.localdate(now),
                agreement_recorded_by=request.user,
                sent_at=now,
                token_hash="",
                expires_at=referring_rules.expires_at(now),
                form_key=referring.form_key,
                came_from=start.came_from if start else "",
                site=request.build_absolute_uri("/").rstrip("/"),
            )
            referral.token_hash = CommunityReferral.hash(referring_queries.token_for(referral.form_key))
            referral.save(update_fields=["token_hash"])
            Entry.objects.create(
                person=person,
                kind=TIMELINE_KIND,
                author=request.user,
                at=now,
                text=f"Referred to {service.name} ({service.organisation.name}). What would help: {words}",
            )
            record(
                request,
                "community_referral_sent",
                person.pk,
                decision.basis,
                object_type="community_referral",
                object_id=referral.pk,
                service=str(service.pk),
                shared=referral.shared,
            )
            notify.send(
                reference=f"community-referral-{referral.pk}-sent",
                channel="email",
                to=service.referral_email,
                body=_email(referral, reminder=False),
                person_id=person.pk,
            )
            _pass_on(referral, "sent")
    except IntegrityError:  # the same form sent twice at once: the first one made it
        earlier = CommunityReferral.objects.filter(form_key=referring.form_key, referred_by=request.user).first()
        if earlier is None:
            raise
        return earlier
    return referral


def _pass_on(referral: CommunityReferral, what: str, words: str = "") -> None:
    """Tell where the referral started (a concern: its volunteer hears, within what the person shares) what became
    of it, in the same transaction."""
    kind, _, ref = referral.came_from.partition(":")
    start = registry.referral_start(kind) if ref else None
    if start is not None:
        start.heard(ref, ReferralNews(referral.person_id, referral.service.name, what, words))


def _email(referral: CommunityReferral, reminder: bool, again: bool = False) -> str:
    if again:
        opening = (
            f"Alongside: a new link to a referral to {referral.service.name}. The link we sent before no longer works."
        )
    elif reminder:
        opening = f"Alongside: a reminder. A referral to {referral.service.name} is waiting for your answer."
    else:
        opening = f"Alongside: a new referral to {referral.service.name}."
    phone = referring_queries.team_phone(referral.team_id)
    ask = f"call the referrer's team on {phone}" if phone else "ask the person who referred them"
    return (
        f"{opening}\n\nOpen this link to see the referral and answer it. You do not need an account. "
        f"The link works until {timezone.localtime(referral.expires_at):%-d %B %Y}:\n\n{link(referral)}\n\n"
        "Please tell us if you can help, and later what happened. Do not forward this email: the link is for your "
        f"service only. If the link stops working, {ask} for a new one."
    )


ANSWER_WORDS = {
    Status.ACCEPTED: "accepted the referral",
    Status.NOT_ABLE: "is not able to help",
    Status.NOT_TAKEN_UP: "said the person did not take it up",
    Status.OUTCOME: "gave the outcome",
}


def answer_alert(service: str, answer: Status, words: str) -> str:
    """The referrer's alert of a service's answer. It names no one and carries none of the service's words (ADR 51):
    the referrer opens the referral to see who it is for and what they said."""
    said = " and what they said" if words else ""
    return f"A referral you made: {service} {ANSWER_WORDS[answer]}. Open it to see who it is for{said}."


def answer(request, token: str, answer: Status, words: str = "") -> CommunityReferral | None:
    """The service's answer through its link. None when the link is unknown, expired or used up (the caller shows
    one page for all three); NotAllowed when the words the answer needs are missing. Writes the timeline entry and
    tells the referrer. The same answer sent twice changes nothing the second time."""
    words = words.strip()
    if answer in referring_rules.NEEDS_WORDS and not words:
        raise NotAllowed("Say why" if answer == Status.NOT_ABLE else "Say what happened")
    found = referring_queries.by_token(token)
    if found is None:
        return None
    with transaction.atomic():
        referral = CommunityReferral.objects.select_for_update().select_related("service").get(pk=found.pk)
        now = timezone.now()
        status = Status(referral.status)
        if status == answer and (referral.outcome or referral.reason) == words:
            return referral  # the same answer, sent again
        if not referring_rules.link_is_good(status, referral.expires_at, now):
            return None
        if not referring_rules.allowed(status, answer):
            raise NotAllowed("That answer has already been given")
        CommunityReferral.objects.filter(pk=referral.pk).update(
            status=answer.value,
            reason=words if answer == Status.NOT_ABLE else referral.reason,
            outcome=words if answer == Status.OUTCOME else referral.outcome,
            answered_at=now,
            first_answered_at=referral.first_answered_at or now,
            version=F("version") + 1,
        )
        said = f"{referral.service.name} {ANSWER_WORDS[answer]}" + (f": {words}" if words else ".")
        Entry.objects.create(person_id=referral.person_id, kind=TIMELINE_KIND, author=None, at=now, text=said)
        Alert.objects.create(
            recipient_id=referral.referred_by_id,
            text=answer_alert(referral.service.name, answer, words)[:300],
            url=reverse("directory:referring_referral", args=[referral.pk]),
        )
        record(
            request,
            "community_referral_answered",
            referral.person_id,
            Basis.RECEIVING_SERVICE,
            object_type="community_referral",
            object_id=referral.pk,
            answer=answer.value,
        )
        _pass_on(referral, answer.value, words)
        referral.refresh_from_db()
    return referral


def new_link(request, referral_id: int, version: int) -> CommunityReferral:
    """Send the service a new link, good for 14 days from now; the one before stops working. For the referrer and
    staff who may write the person's record (PermissionDenied for anyone else, audited); NotAllowed when the
    referral has its final answer; EditConflict when it changed since the page was opened (an answer came, or a
    new link was sent already: a double click sends one)."""
    with transaction.atomic():
        locked = (
            CommunityReferral.objects.select_for_update(of=("self",))
            .select_related("service", "person")
            .filter(pk=referral_id)
            .first()
        )
        basis = referring_queries.keeping_basis(request, locked) if locked is not None else None
        if locked is None or basis is None:
            raise PermissionDenied
        if locked.version != version:
            raise EditConflict(locked)
        if not referring_rules.ANSWERS[Status(locked.status)]:
            raise NotAllowed("This referral has its final answer: the service does not need a new link")
        if not locked.service.referral_email:
            raise NotAllowed("The service no longer takes referrals by email. Call them, or refer to another service")
        now = timezone.now()
        number = locked.link_number + 1
        CommunityReferral.objects.filter(pk=locked.pk).update(
            link_number=number,
            token_hash=CommunityReferral.hash(referring_queries.token_for(locked.form_key, number)),
            expires_at=referring_rules.expires_at(now),
            version=F("version") + 1,
        )
        locked.refresh_from_db()
        record(
            request,
            "community_referral_new_link",
            locked.person_id,
            basis,
            object_type="community_referral",
            object_id=locked.pk,
        )
        notify.send(
            reference=f"community-referral-{locked.pk}-link-{number}",
            channel="email",
            to=locked.service.referral_email,
            body=_email(locked, reminder=False, again=True),
            person_id=locked.person_id,
        )
    return locked


def remind_unanswered(now: datetime) -> int:
    """With no answer five working days after sending, tell the referrer and remind the service by email with the
    same link, once: each referral is marked reminded in the same transaction, and one another run holds is
    skipped. Returns how many were reminded about."""
    waiting = CommunityReferral.objects.filter(status=Status.SENT, reminded_at__isnull=True, expires_at__gt=now)
    reminded = 0
    for pk, sent_at in list(waiting.order_by("sent_at", "pk").values_list("pk", "sent_at")):
        if not referring_rules.answer_overdue(sent_at, now):
            continue
        with transaction.atomic():
            referral = (
                waiting.select_for_update(of=("self",), skip_locked=True)
                .select_related("service", "person")
                .filter(pk=pk)
                .first()
            )
            if referral is None:
                continue
            CommunityReferral.objects.filter(pk=pk).update(reminded_at=now)
            Alert.objects.create(
                recipient_id=referral.referred_by_id,
                text=(
                    f"No answer yet from {referral.service.name} about {referral.person.full_name}, "
                    "5 working days after you referred them"
                )[:300],
                url=reverse("directory:referring_referral", args=[referral.pk]),
            )
            if referral.service.referral_email:
                notify.send(
                    reference=f"community-referral-{pk}-reminder",
                    channel="email",
                    to=referral.service.referral_email,
                    body=_email(referral, reminder=True),
                    person_id=referral.person_id,
                )
            record(
                None,
                "community_referral_reminded",
                referral.person_id,
                Basis.RECEIVING_SERVICE,
                object_type="community_referral",
                object_id=pk,
            )
            reminded += 1
    return reminded
