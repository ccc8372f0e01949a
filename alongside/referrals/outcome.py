"""What the referrer is told, in plain words. Pure: no database.

Messages sent outside the service (email, text) name no one: they use "you" for the person themselves and
"the person you referred" for family and carers, with the referral's reference. Staff referrers, inside the
service, see the person's name.
"""

from dataclasses import dataclass

from .lifecycle import Status
from .timers import duration_words

HANDED_BACK = "handed_back"  # not a status: a partner service gave the referral back to the single point of access
SAFETY = "If things get worse, contact your GP or call 111. In an emergency, call 999."


@dataclass(frozen=True)
class Outcome:
    status: str
    reference: str
    about_self: bool  # the referrer is the person the referral is about
    person_name: str = ""  # shown only to staff referrers inside the service: the record's name once matched
    team: str = ""
    named_worker: str = ""  # empty unless the person agreed it may be shared
    redirected_to: str = ""
    reason: str = ""
    taken_on: bool = False  # a partner service it was redirected to took them on


def reference(referral_id: int) -> str:
    return f"R{referral_id:06d}"


def _who(outcome: Outcome, inside: bool) -> tuple[str, str]:
    """How to speak of the person: subject and object ("you"/"you", "Ada Okafor"/"Ada Okafor", ...)."""
    if outcome.about_self:
        return "you", "you"
    if inside and outcome.person_name:
        return outcome.person_name, outcome.person_name
    return "the person you referred", "them"


def received_words(ref: str, aim_hours: int) -> str:
    from datetime import timedelta

    return (
        f"Thank you. We have your referral, reference {ref}. We aim to look at it within "
        f"{duration_words(timedelta(hours=aim_hours))}, and we will tell you what we decide. {SAFETY}"
    )


def outcome_words(outcome: Outcome, inside: bool = False) -> str:
    """The outcome of a referral as the referrer is told it; empty when there is nothing new to tell."""
    subject, obj = _who(outcome, inside)
    about = f"Your referral {outcome.reference}"
    why = f" {outcome.reason.strip()}" if outcome.reason.strip() else ""
    if outcome.status == Status.ACCEPTED:
        return (
            f"{about} has been accepted. The {outcome.team} will support {obj}, and someone from the team "
            f"will be in touch with {obj} soon.{why}"
        )
    if outcome.status == Status.ALLOCATED:
        if outcome.named_worker:
            named = "your" if outcome.about_self else ("their" if obj == "them" else f"{obj}'s")
            return (
                f"{about}: {outcome.named_worker} from the {outcome.team} is {named} named worker, the person who "
                f"will get to know {obj} and coordinate {'your' if outcome.about_self else 'their'} support."
            )
        return f"{about}: a named worker from the {outcome.team} will get in touch with {obj} soon."
    if outcome.status == Status.REDIRECTED and outcome.taken_on:
        return f"{about}: {outcome.redirected_to} has taken {obj} on and will be in touch.{why}"
    if outcome.status == HANDED_BACK:
        return (
            f"{about}: {outcome.redirected_to} cannot help this time.{why} The single point of access will look "
            f"at it again and tell you what we decide."
        )
    if outcome.status == Status.REDIRECTED:
        return f"{about}: we think {outcome.redirected_to} is the best place to help {obj}.{why}"
    if outcome.status == Status.DECLINED:
        return (
            f"{about}: we are not able to offer support from our community teams this time.{why} "
            f"If things change, a new referral is always welcome. {SAFETY}"
        )
    return ""
