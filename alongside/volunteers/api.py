"""The JSON API for matching: GET /volunteers/matches?person_id= ranks a hub's volunteers for someone who asked it.

For coordinators of a hub the person has a request waiting with: the same ranking as the page, with reasons, and
how many volunteers were left out and why. A person who did not ask the caller's hub answers 404, exactly as a
person who does not exist; a caller who coordinates no volunteer hub is refused with 403. Audited as the page is.
"""

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from alongside.core.api_errors import Message, responses
from alongside.people.access import record, record_denied
from alongside.people.policy import volunteer_hub_basis

from . import matching_queries as queries
from .matching import district_of, rank

router = Router(tags=["volunteers"])

NOT_A_COORDINATOR = "Only the coordinators of a volunteer hub can see volunteers matched to a person."


class MatchesQuery(Schema):
    person_id: int = Field(ge=1, le=2_147_483_647, description="The person who asked for a volunteer")
    limit: int = Field(10, ge=1, le=200, description="How many volunteers to return, best first, 1 to 200")


class MatchOut(Schema):
    rank: int
    volunteer_id: int = Field(description="The volunteer's user id")
    name: str
    gp_practice: bool = Field(description="They visit patients of the person's GP practice (the Living Well rule)")
    languages: list[str] = Field(description="Languages besides English they share with the person")
    interests: list[str] = Field(description="Interests they share")
    nearness: int = Field(description="2: in the person's postcode district; 1: the same postcode area; 0: further")
    room: int = Field(description="How many more people they can support")
    reasons: list[str] = Field(description="Why they fit, in words")


class LeftOut(Schema):
    lapsed: int = Field(description="Volunteers not offered because a check, training or the agreement lapsed")
    lapsed_reasons: dict[str, int] = Field(description="How many were left out for each reason")
    full: int = Field(description="Volunteers not offered because they have no room for another person")


class MatchesOut(Schema):
    person_id: int
    request_id: int
    hub: str
    gp_practice: str | None
    postcode_district: str
    what_would_help: str
    considered: int = Field(description="How many volunteers could take the person")
    matches: list[MatchOut]
    left_out: LeftOut


@router.get(
    "/volunteers/matches",
    response=responses({200: MatchesOut, 403: Message}, not_found=True, parameters=True),
    url_name="volunteer_matches",
    summary="The volunteers who fit a person who asked the caller's hub for one, best first, with reasons",
    description=(
        "For coordinators of a volunteer hub the person has a request waiting with. Answers 404, exactly as for a "
        "person who does not exist, when they have not asked the caller's hub; 403 when the caller coordinates no "
        "volunteer hub."
    ),
)
def volunteer_matches(request, query: Query[MatchesQuery]):
    hub_ids = queries.coordinated_hub_ids(request)
    if not hub_ids:
        raise HttpError(403, NOT_A_COORDINATOR)
    waiting = queries.waiting_requests_of(query.person_id, hub_ids)
    found = waiting[0] if waiting else None
    basis = volunteer_hub_basis(queries.hub_facts(hub_ids, found.person_id, found.hub_id)) if found else None
    if found is None or basis is None:
        record_denied(request, "api_volunteer_matches", None, object_id=query.person_id)
        raise Http404
    record(
        request, "api_volunteer_matches", found.person_id, basis, object_type="volunteer_request", object_id=found.pk
    )
    ranking = rank(queries.need_of(found), queries.candidates(found.hub_id), limit=query.limit)
    person = found.person
    return {
        "person_id": person.pk,
        "request_id": found.pk,
        "hub": found.hub.name,
        "gp_practice": person.gp_practice.name if person.gp_practice else None,
        "postcode_district": district_of(person.postcode),
        "what_would_help": found.what_would_help,
        "considered": ranking.considered,
        "matches": [
            {
                "rank": index,
                "volunteer_id": m.user_id,
                "name": m.name,
                "gp_practice": m.practice,
                "languages": list(m.languages),
                "interests": list(m.interests),
                "nearness": m.nearness,
                "room": m.room,
                "reasons": list(m.reasons),
            }
            for index, m in enumerate(ranking.offered, start=1)
        ],
        "left_out": {
            "lapsed": len(ranking.lapsed),
            "lapsed_reasons": ranking.lapsed_reasons,
            "full": len(ranking.full),
        },
    }
