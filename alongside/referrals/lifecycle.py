"""The referral lifecycle: which moves are allowed from which state, declared once and refused otherwise.

draft → received → triaged (who this is is settled) → accepted → allocated → closed
received or triaged → redirected (to another service) or declined → closed
redirected to a partner service → handed back by it → received (the single point of access decides again)
"""

from enum import StrEnum

from statemachine import State, StateMachine
from statemachine.exceptions import TransitionNotAllowed


class Status(StrEnum):
    DRAFT = "draft"
    RECEIVED = "received"
    TRIAGED = "triaged"
    ACCEPTED = "accepted"
    REDIRECTED = "redirected"
    DECLINED = "declined"
    ALLOCATED = "allocated"
    CLOSED = "closed"


# What is happening to a referral, in words: the one mapping every page, message and the API use.
STATUS_LABELS = {
    Status.DRAFT: "Draft, not sent yet",
    Status.RECEIVED: "Waiting to check who it is about",
    Status.TRIAGED: "Waiting for a decision",
    Status.ACCEPTED: "Accepted, waiting for a named worker",
    Status.REDIRECTED: "Passed to another service",
    Status.DECLINED: "Declined",
    Status.ALLOCATED: "Named worker given",
    Status.CLOSED: "Closed",
}


def status_words(status: str) -> str:
    """What is happening to a referral in this status, as every page and the API say it."""
    return STATUS_LABELS[Status(status)]


# Waiting for a triage decision: these count against the target time.
AWAITING_DECISION = frozenset({Status.RECEIVED, Status.TRIAGED})
# Still needing someone at the single point of access to act.
OPEN = frozenset({Status.RECEIVED, Status.TRIAGED, Status.ACCEPTED})


class ReferralLifecycle(StateMachine):
    draft = State("Draft", value=Status.DRAFT.value, initial=True)
    received = State("Received", value=Status.RECEIVED.value)
    triaged = State("Triaged", value=Status.TRIAGED.value)
    accepted = State("Accepted", value=Status.ACCEPTED.value)
    redirected = State("Redirected", value=Status.REDIRECTED.value)
    declined = State("Declined", value=Status.DECLINED.value)
    allocated = State("Allocated", value=Status.ALLOCATED.value)
    closed = State("Closed", value=Status.CLOSED.value, final=True)

    submit = draft.to(received)
    confirm_person = received.to(triaged)
    accept = triaged.to(accepted)
    redirect = received.to(redirected) | triaged.to(redirected)
    decline = received.to(declined) | triaged.to(declined)
    allocate = accepted.to(allocated)
    take_on = redirected.to(redirected)
    hand_back = redirected.to(received)
    close = redirected.to(closed) | declined.to(closed) | allocated.to(closed)


class Move(StrEnum):
    SUBMIT = "submit"
    CONFIRM_PERSON = "confirm_person"
    ACCEPT = "accept"
    REDIRECT = "redirect"
    DECLINE = "decline"
    ALLOCATE = "allocate"
    TAKE_ON = "take_on"
    HAND_BACK = "hand_back"
    CLOSE = "close"


# Why a move is refused, in words a triage officer can act on.
REFUSALS = {
    Move.SUBMIT: "Only a draft can be sent.",
    Move.CONFIRM_PERSON: "Who this referral is about can only be confirmed while it is waiting for triage.",
    Move.ACCEPT: "Confirm who the referral is about before accepting it.",
    Move.REDIRECT: "Only a referral waiting for a triage decision can be redirected.",
    Move.DECLINE: "Only a referral waiting for a triage decision can be declined.",
    Move.ALLOCATE: "Only an accepted referral can be allocated to a named worker.",
    Move.TAKE_ON: "Only a referral passed to your service can be taken on.",
    Move.HAND_BACK: "Only a referral passed to your service can be handed back.",
    Move.CLOSE: "Only a referral that has been allocated, redirected or declined can be closed.",
}


class MoveRefused(Exception):
    def __init__(self, move: str, status: str) -> None:
        self.move, self.status = Move(move), Status(status)
        super().__init__(f"{REFUSALS[self.move]} Where it is now: {STATUS_LABELS[self.status].lower()}.")


def next_status(status: str, move: str) -> Status:
    """The state after `move` from `status`, or MoveRefused with a reason."""
    machine = ReferralLifecycle(start_value=Status(status).value)
    try:
        machine.send(Move(move).value)
    except TransitionNotAllowed:
        raise MoveRefused(move, status) from None
    return Status(machine.current_state_value)


def allowed_moves(status: str) -> list[Move]:
    machine = ReferralLifecycle(start_value=Status(status).value)
    return [Move(event.id) for event in machine.allowed_events]
