"""An app built in parts declares its rows of the matrix in one module per part; these join them into the one
module the machinery reads (USERS, ENDPOINTS, MAKERS, WORLDS, SUBJECTS, ROWS, REFUSED_LIKE_MISSING)."""


def merged(parts, name: str) -> dict:
    """The parts' dicts called `name`, joined; two parts may name the same key only for the same thing."""
    found: dict = {}
    for part in parts:
        own = getattr(part, name, {})
        clash = {key for key in own if key in found and found[key] != own[key]}
        assert not clash, f"the parts name {sorted(clash)} differently in {name}"
        found |= own
    return found


def rows(parts) -> list:
    return [row for part in parts for row in part.ROWS]


def refused_like_missing(parts) -> list:
    return [pair for part in parts for pair in getattr(part, "REFUSED_LIKE_MISSING", ())]


# The states in which the person themself, or a proxy they chose, opens their own record.
THE_PERSONS_STATES = frozenset({"their own record", "proxy chosen by the person"})


def person_expected(matrix: dict, nothing: dict):
    """What each kind of user may do in each state, from a matrix of state -> (what care staff, or the person and
    their proxy, may do; what a volunteer may do). The person and their proxy get the first in their own states; in
    the others a volunteer gets the second, care roles the first, and anyone else `nothing`."""
    from alongside.partners.roles import CARE_ROLES

    def expected(state: str, user: str) -> dict:
        if state in THE_PERSONS_STATES:
            return matrix[state][0]
        if user == "volunteer":
            return matrix[state][1]
        return matrix[state][0] if user in CARE_ROLES else nothing

    return expected


def person_rows(matrix: dict, users: list[str], nothing: dict) -> list:
    """The matrix's rows about a person's record: (what the states are of, state, kind of user, expected)."""
    expected = person_expected(matrix, nothing)
    return [("person", state, user, expected(state, user)) for state in matrix for user in users]
