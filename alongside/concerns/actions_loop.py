"""Every change of closing the loop: an outcome written for the volunteer, the volunteer's reply, and the overdue
reminder. Each asks the lifecycle's rules and the one permission rule (`loop_queries.standing`), is audited through
the one access policy, and runs in one transaction with the concern's row locked.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from alongside.core import notify
from alongside.core.forms import EditConflict
from alongside.core.models import Alert, User
from alongside.core.registry import ReferralNews
from alongside.people.access import record, record_denied
from alongside.people.policy import Basis

from . import lifecycle, loop_queries
from .lifecycle import Loop, Move, NotAllowed, Status
from .models import Concern, ConcernEvent


def _loop(concern: Concern, replied: bool = False) -> Loop:
    return Loop(Status(concern.status), concern.answer_by, concern.overdue_reminded_at is not None, replied)


def _locked(concern_id: int) -> Concern:
    found = (
        Concern.objects.select_for_update(of=("self",))
        .select_related("person", "hub", "raised_by")
        .filter(pk=concern_id)
        .first()
    )
    if found is None:
        raise PermissionDenied  # as someone else's: the view answers a missing concern before it gets here
    return found


def _uk_day(at: datetime) -> str:
    return f"{timezone.localtime(at):%-d %B}"


def _refused(request, what: str, concern_id: int) -> PermissionDenied:
    """A refusal, audited outside the refused transaction (which rolls back)."""
    person_id = Concern.objects.filter(pk=concern_id).values_list("person_id", flat=True).first()
    record_denied(request, what, person_id, object_type="concern", object_id=concern_id)
    return PermissionDenied()


def close(request, concern_id: int, outcome: str, version: int) -> Concern:
    """Close the concern with an outcome written for the volunteer, and tell them: in Alongside, and by text or
    email if they chose. Raises PermissionDenied for someone who may not answer it, NotAllowed when it is already
    answered or the outcome is missing, and EditConflict when it changed since the writer opened it.

    Sending the same answer twice (a double click, a retry) closes it once: the second finds it closed by the same
    person with the same words and changes nothing.
    """
    concern = _locked(concern_id)
    who = loop_queries.standing(request, concern)
    if not who.may_answer:
        record_denied(request, "concern_close", concern.person_id, object_type="concern", object_id=concern.pk)
        raise PermissionDenied
    words = outcome.strip()
    if concern.status == Status.CLOSED and concern.closed_by_id == request.user.id and concern.outcome == words:
        return concern  # the same answer, sent again
    if concern.version != version:
        raise EditConflict(concern)
    now = timezone.now()
    lifecycle.after(_loop(concern), Move.CLOSE, now=now, response_hours=0, words=words)
    Concern.objects.filter(pk=concern.pk).update(
        status=Status.CLOSED, outcome=words, closed_by=request.user, closed_at=now, version=F("version") + 1
    )
    event = ConcernEvent.objects.create(
        concern=concern, person_id=concern.person_id, what=ConcernEvent.What.CLOSED, by=request.user, words=words
    )
    record(request, "concern_closed", concern.person_id, who.basis, object_type="concern", object_id=concern.pk)
    concern.refresh_from_db()
    _tell_the_volunteer(concern, event)
    return concern


def _tell_the_volunteer(concern: Concern, event: ConcernEvent) -> None:
    """The outcome, as written for them (within what the person agreed to share)."""
    raised = _uk_day(concern.created_at)
    _tell(
        concern,
        f"There is an answer to the concern you raised on {raised}",
        f"{concern.outcome}\n\nSign in to Alongside to say thank you, or if you are still worried.",
        event,
    )


def _tell(concern: Concern, headline: str, words: str, event: ConcernEvent) -> None:
    """Tell the volunteer who raised the concern: in Alongside always; by text or email as their volunteer profile
    says they chose. The message never carries the person's name."""
    url = reverse("concerns:what_happened", args=[concern.pk])
    Alert.objects.create(recipient_id=concern.raised_by_id, text=headline[:300], url=url)
    phone, by_text, by_email = loop_queries.volunteer_choices(concern.raised_by_id)
    body = f"Alongside: {headline[:1].lower()}{headline[1:]}.\n\n{words}"
    volunteer = concern.raised_by
    for channel, chose, to in (("sms", by_text, phone), ("email", by_email, volunteer.email)):
        if chose and to:
            notify.send(reference=f"concern-news-{event.pk}-{channel}", channel=channel, to=to, body=body)


# What a community service's answer means, for the volunteer who raised the concern (never naming the person).
SERVICE_NEWS = {
    "accepted": "{service} can help, and has accepted the referral",
    "not_able": "{service} is not able to help",
    "not_taken_up": "{service} says the referral was not taken up",
    "outcome": "{service} has told us how it went",
}


def referral_heard(ref: str, news: ReferralNews) -> None:
    """What became of a referral to a community service made from this concern: a step in the concern's history
    and, for each answer of the service, the raising volunteer told in plain words while they still visit the
    person. The service's own words are about the person's care, which volunteers never read (people.policy
    NEVER_FOR_VOLUNTEERS): the volunteer hears the kind of answer only. Runs in the directory's transaction."""
    concern = Concern.objects.select_related("person", "hub", "raised_by").filter(pk=int(ref)).first()
    if concern is None or concern.person_id != news.person_id:
        return
    if news.what == "sent":
        ConcernEvent.objects.create(
            concern=concern,
            person_id=concern.person_id,
            what=ConcernEvent.What.REFERRED,
            words=f"Referred to {news.service}.",
        )
        return
    told = SERVICE_NEWS.get(news.what, "{service} answered the referral").format(service=news.service) + "."
    event = ConcernEvent.objects.create(
        concern=concern, person_id=concern.person_id, what=ConcernEvent.What.SERVICE_ANSWERED, words=told
    )
    if loop_queries.sharing(concern).visits:
        _tell(concern, f"News about the concern you raised on {_uk_day(concern.created_at)}", told, event)


def reply(request, concern_id: int, move: Move, words: str = "") -> Concern:
    """The volunteer's reply to the outcome: thank you (it stays closed), or still worried, in their words (it opens
    again, with a new response target, and the one who acts is told). Raises PermissionDenied for anyone but the
    volunteer who raised it, and NotAllowed when there is nothing to reply to (already replied, still open)."""
    if move not in (Move.THANK, Move.STILL_WORRIED):
        raise NotAllowed("Choose thank you or I'm still worried")
    replied = _reply(request, concern_id, move, words)
    if replied is None:
        raise _refused(request, "concern_reply", concern_id)
    return replied


@transaction.atomic
def _reply(request, concern_id: int, move: Move, words: str) -> Concern | None:
    concern = _locked(concern_id)
    who = loop_queries.standing(request, concern)
    if not who.raised_it:
        return None
    now, words = timezone.now(), words.strip()
    hours = loop_queries.route_hours(concern)
    after = lifecycle.after(
        _loop(concern, loop_queries.replied(concern)), move, now=now, response_hours=hours, words=words
    )
    answerer = concern.closed_by_id
    ConcernEvent.objects.create(
        concern=concern, person_id=concern.person_id, what=move.value, by=request.user, words=words
    )
    volunteer = request.user.get_full_name() or "The volunteer"
    if move == Move.THANK:
        if answerer:
            Alert.objects.create(
                recipient_id=answerer,
                text=f"{volunteer} said thank you for your answer to their concern about {concern.person.full_name}",
                url=reverse("concerns:loop_answer", args=[concern.pk]),
            )
    else:
        Concern.objects.filter(pk=concern.pk).update(
            status=Status.OPEN,
            outcome="",
            closed_by=None,
            closed_at=None,
            answer_by=after.answer_by,
            overdue_reminded_at=None,
            version=F("version") + 1,
        )
        concern.refresh_from_db()
        for user_id in sorted({*loop_queries.who_acts(concern), *([answerer] if answerer else [])}):
            Alert.objects.create(
                recipient_id=user_id,
                text=(
                    f"{volunteer} is still worried about {concern.person.full_name}: "
                    f"please look again by {timezone.localtime(after.answer_by):%-d %B, %H:%M}"
                ),
                url=reverse("concerns:loop_answer", args=[concern.pk]),
            )
    record(
        request,
        "concern_thanked" if move == Move.THANK else "concern_reopened",
        concern.person_id,
        who.basis,
        object_type="concern",
        object_id=concern.pk,
    )
    return concern


def remind_overdue(now: datetime) -> int:
    """Remind the hub's coordinators and the one who acts about each open concern past its response target, once:
    a concern is marked reminded in the same transaction as its alerts, and only one not yet marked is taken, so a
    second run (or two at once) reminds no one twice. Returns how many concerns were reminded about."""
    reminded = 0
    due = Concern.objects.filter(status=Status.OPEN, answer_by__lte=now, overdue_reminded_at__isnull=True)
    for concern_id in list(due.order_by("answer_by", "pk").values_list("pk", flat=True)):
        with transaction.atomic():
            concern = (
                due.select_for_update(of=("self",), skip_locked=True)
                .select_related("person", "hub")
                .filter(pk=concern_id)
                .first()
            )
            if concern is None:  # answered, or reminded by another run, meanwhile
                continue
            lifecycle.after(_loop(concern), Move.REMIND, now=now, response_hours=0)
            Concern.objects.filter(pk=concern.pk).update(overdue_reminded_at=now)
            ConcernEvent.objects.create(concern=concern, person_id=concern.person_id, what=ConcernEvent.What.REMINDED)
            _remind(concern, now)
            reminded += 1
    return reminded


def _remind(concern: Concern, now: datetime) -> None:
    coordinators = set(loop_queries.coordinator_ids(concern.hub_id))
    recipients = sorted({*coordinators, *loop_queries.who_acts(concern)})
    due = f"{timezone.localtime(concern.answer_by):%-d %B, %H:%M}"
    text = f"Overdue: a volunteer's concern about {concern.person.full_name} was due an answer by {due}"
    url = reverse("concerns:loop_answer", args=[concern.pk])
    emails = dict(User.objects.filter(pk__in=recipients, is_active=True).values_list("pk", "email"))
    for user_id in recipients:
        if user_id not in emails:
            continue
        Alert.objects.create(recipient_id=user_id, text=text[:300], url=url)
        if emails[user_id]:
            notify.send(
                reference=f"concern-overdue-{concern.pk}-{now:%Y%m%d%H%M}-{user_id}",
                channel="email",
                to=emails[user_id],
                body=(
                    "Alongside: a concern a volunteer raised is past its response target. "
                    "Sign in to Alongside to answer it (the person's name is in Alongside, not in this email)."
                ),
            )
        record(
            None,
            "concern_overdue_reminded",
            concern.person_id,
            Basis.VOLUNTEER_HUB if user_id in coordinators else Basis.RELATIONSHIP,
            object_type="concern",
            object_id=concern.pk,
            recipient=user_id,
        )
