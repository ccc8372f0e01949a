"""The referral lifecycle never reaches a state it should not, whatever sequence of moves is tried."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from alongside.referrals.lifecycle import Move, MoveRefused, Status, allowed_moves, next_status

# The lifecycle as the care model describes it, written out independently of the state machine.
EXPECTED = {
    (Status.DRAFT, Move.SUBMIT): Status.RECEIVED,
    (Status.RECEIVED, Move.CONFIRM_PERSON): Status.TRIAGED,
    (Status.RECEIVED, Move.REDIRECT): Status.REDIRECTED,
    (Status.RECEIVED, Move.DECLINE): Status.DECLINED,
    (Status.TRIAGED, Move.ACCEPT): Status.ACCEPTED,
    (Status.TRIAGED, Move.REDIRECT): Status.REDIRECTED,
    (Status.TRIAGED, Move.DECLINE): Status.DECLINED,
    (Status.ACCEPTED, Move.ALLOCATE): Status.ALLOCATED,
    (Status.REDIRECTED, Move.CLOSE): Status.CLOSED,
    # the partner service it was passed to takes the person on (it stays redirected), or hands it back
    (Status.REDIRECTED, Move.TAKE_ON): Status.REDIRECTED,
    (Status.REDIRECTED, Move.HAND_BACK): Status.RECEIVED,
    (Status.DECLINED, Move.CLOSE): Status.CLOSED,
    (Status.ALLOCATED, Move.CLOSE): Status.CLOSED,
}


@given(st.sampled_from(list(Status)), st.sampled_from(list(Move)))
def test_every_move_from_every_state_is_allowed_exactly_when_expected(status, move):
    if (status, move) in EXPECTED:
        assert next_status(status, move) == EXPECTED[(status, move)]
        assert move in allowed_moves(status)
    else:
        with pytest.raises(MoveRefused) as refused:
            next_status(status, move)
        assert str(refused.value)  # a reason a person can read
        assert move not in allowed_moves(status)


def test_a_refusal_says_why_in_plain_words():
    with pytest.raises(MoveRefused, match="Confirm who the referral is about before accepting it"):
        next_status(Status.RECEIVED, Move.ACCEPT)


def test_closed_is_the_end():
    assert allowed_moves(Status.CLOSED) == []


class Lifecycle(RuleBasedStateMachine):
    """Random sequences of moves: the state is always one the expected table can reach from a draft."""

    def __init__(self):
        super().__init__()
        self.status = Status.DRAFT
        self.visited = [Status.DRAFT]

    @rule(move=st.sampled_from(list(Move)))
    def try_move(self, move):
        before = self.status
        try:
            self.status = next_status(self.status, move)
        except MoveRefused:
            assert (before, move) not in EXPECTED
            assert self.status == before
        else:
            assert EXPECTED[(before, move)] == self.status
            self.visited.append(self.status)

    @invariant()
    def decided_only_after_received(self):
        if self.status in (Status.ACCEPTED, Status.ALLOCATED):
            assert Status.TRIAGED in self.visited  # never accepted without knowing who it is
        if self.status != Status.DRAFT:
            assert Status.RECEIVED in self.visited

    @invariant()
    def closed_stays_closed(self):
        if Status.CLOSED in self.visited:
            assert self.status == Status.CLOSED


TestLifecycle = Lifecycle.TestCase
TestLifecycle.settings = settings(max_examples=300, stateful_step_count=20)
