"""The volunteer hub basis in the one access policy (people/policy.py): a coordinator sees what matching needs of
a person only while their hub has something to do for them; nothing of the record itself comes with it."""

from datetime import UTC, datetime
from itertools import product

import pytest

from alongside.people.policy import (
    VOLUNTEER_HUB_VIEW,
    Acting,
    Action,
    Basis,
    Category,
    Facts,
    HubFacts,
    decide,
    volunteer_hub_basis,
)


@pytest.mark.parametrize(
    ("coordinates", "waiting", "allocated", "expected"),
    [
        (True, True, False, Basis.VOLUNTEER_HUB),  # asked this hub: match and allocate
        (True, False, True, Basis.VOLUNTEER_HUB),  # one of the hub's volunteers visits them: may end it
        (True, True, True, Basis.VOLUNTEER_HUB),
        (True, False, False, None),  # nothing asked, nobody visiting: like any stranger
        (False, True, False, None),  # not the coordinator of that hub
        (False, False, True, None),
        (False, False, False, None),
    ],
)
def test_the_basis_holds_only_while_the_hub_has_something_to_do(coordinates, waiting, allocated, expected):
    assert volunteer_hub_basis(HubFacts(coordinates, waiting, allocated)) == expected


def test_it_is_never_given_without_coordinating_the_hub():
    for waiting, allocated in product((True, False), repeat=2):
        assert volunteer_hub_basis(HubFacts(False, waiting, allocated)) is None


def test_what_it_shows_is_only_what_matching_needs_and_the_record_stays_closed():
    assert {"name", "gp_practice", "postcode_district", "what_was_asked"} == VOLUNTEER_HUB_VIEW
    # A coordinator with no relationship reads no category of the record through the general rule.
    facts = Facts(at=datetime(2026, 1, 1, tzinfo=UTC), acting=Acting.STAFF)
    for category in Category:
        assert not decide(facts, Action.READ, category)
