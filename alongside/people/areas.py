"""The people an area's meeting covers: those registered at a GP practice, or, for a neighbourhood's meeting, those
living in the neighbourhood. For the sources of an MDT's agenda, each in its own capability."""

from django.db.models import Q


def of_area(practice_id: int | None, neighbourhood_id: int | None, via: str = "person__") -> Q | None:
    """A filter for the people registered at the practice (an Organisation) if one is given, else living in the
    neighbourhood, on a model that reaches the person through `via` ("" for Person itself); None when neither is
    given (nobody)."""
    if practice_id is not None:
        return Q(**{f"{via}gp_practice_id": practice_id})
    if neighbourhood_id is not None:
        return Q(**{f"{via}neighbourhood_id": neighbourhood_id})
    return None
