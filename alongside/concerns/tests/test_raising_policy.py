"""The one access policy's rule for concerns (`people.policy.concern_basis`), as a table: every combination of
facts, and the basis (or refusal) it gives."""

from itertools import product

import pytest

from alongside.people.policy import Basis, ConcernFacts, concern_basis

TABLE = [
    # raised_it, still_their_client, cares_for_person, coordinates_its_hub, its_team_leader -> basis
    ((True, True, False, False, False), Basis.CONCERN_RAISER),  # the volunteer, still visiting
    ((True, False, False, False, False), None),  # the volunteer, after the allocation ended
    ((False, True, False, False, False), None),  # another volunteer of the same person
    ((False, False, True, False, False), Basis.RELATIONSHIP),  # the named worker, care team, caseload team
    ((False, False, False, True, False), Basis.VOLUNTEER_HUB),  # the hub's coordinator
    ((False, False, False, False, True), Basis.CONCERN_ROUTE),  # the team leader it was phoned through to
    ((False, False, False, False, False), None),  # anyone else
    ((True, True, True, True, True), Basis.RELATIONSHIP),  # the care relationship is named first
    ((False, False, False, True, True), Basis.VOLUNTEER_HUB),
]


@pytest.mark.parametrize(("facts", "basis"), TABLE)
def test_concern_basis(facts, basis):
    assert concern_basis(ConcernFacts(*facts)) == basis


@pytest.mark.parametrize("facts", list(product([False, True], repeat=5)))
def test_someone_sees_a_concern_only_for_a_reason(facts):
    raised_it, still_client, cares, coordinates, leader = facts
    allowed = concern_basis(ConcernFacts(*facts)) is not None
    assert allowed == (cares or coordinates or leader or (raised_it and still_client))
