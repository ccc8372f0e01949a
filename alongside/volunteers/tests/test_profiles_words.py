"""The words of the profile pages: said to the volunteer ("you") or to their coordinator ("they")."""

from datetime import date, timedelta

import pytest

from alongside.volunteers.profiles_words import (
    allocation_warning,
    availability,
    for_you,
    in_days,
    item_state,
    summary,
)
from alongside.volunteers.standing import CURRENT_AGREEMENT, Held, standing

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("reason", "yours", "warning"),
    [
        (
            "Their DBS check ran out on 1 December 2026",
            "Your DBS check ran out on 1 December 2026",
            "Their DBS check ran out on 1 December 2026: arrange a new one",
        ),
        ("No reference recorded", "No reference recorded", "No reference recorded: arrange one"),
        (
            "They have not signed the confidentiality agreement",
            "You have not signed the confidentiality agreement",
            "They have not signed the confidentiality agreement: ask them to sign the current one",
        ),
        (
            "They signed an earlier confidentiality agreement (2020-1), not 2026-1",
            "You signed an earlier confidentiality agreement (2020-1), not 2026-1",
            "They signed an earlier confidentiality agreement (2020-1), not 2026-1: ask them to sign the current one",
        ),
    ],
)
def test_each_reason_is_said_to_the_volunteer_and_as_a_warning_for_the_coordinator(reason, yours, warning):
    assert for_you(reason) == yours
    assert allocation_warning(reason) == warning


def test_the_summary_says_whether_they_may_take_new_clients_and_why_not():
    held = [Held(k, TODAY + timedelta(days=100)) for k in ("reference", "risk_awareness", "confidentiality")]
    held += [Held("safeguarding", TODAY + timedelta(days=100)), Held("dbs", TODAY)]
    found = standing(held, CURRENT_AGREEMENT, TODAY)
    assert (
        summary(found, you=True)
        == "You cannot take new clients at the moment: your DBS check ran out on 4 December 2026."
    )
    assert summary(found, you=False) == "May not take new clients: their DBS check ran out on 4 December 2026."
    everything = [*held[:-1], Held("dbs", TODAY + timedelta(days=1))]
    assert summary(standing(everything, CURRENT_AGREEMENT, TODAY), you=True) == "You can take new clients."


def test_states_and_days_in_words():
    assert item_state(TODAY, TODAY).words == "Ran out on 4 December 2026"
    assert item_state(TODAY + timedelta(days=60), TODAY).state == "due"
    assert item_state(TODAY + timedelta(days=61), TODAY).words == "In date until 3 February 2027"
    assert [in_days(TODAY + timedelta(days=n), TODAY) for n in (0, 1, 2)] == ["today", "tomorrow", "in 2 days"]


@pytest.mark.parametrize(
    ("days", "parts", "words"),
    [
        ([], [], "Not said yet"),
        ([0, 1, 2, 3, 4], ["morning"], "Weekdays, mornings"),
        ([5], [], "Saturdays, any time of day"),
        ([], ["afternoon", "evening"], "Any day, afternoons and evenings"),
        ([3, 0], ["evening", "morning"], "Mondays and Thursdays, mornings and evenings"),
    ],
)
def test_availability_in_a_few_words(days, parts, words):
    assert availability(days, parts) == words
