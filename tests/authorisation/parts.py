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
