"""Who may open which administration page: one declarative table, every role against every endpoint.

States: the team is the user's own team, or another team. 200 allowed, 403 refused, 404 looks missing.
"""

import pytest
from django.urls import reverse

from alongside.core.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.partners.models import Role

ROLES = [r.value for r in Role]
OTHERS = {r: 403 for r in ROLES if r != "admin"}

# endpoint -> {state -> {role -> status}}; roles not named get the "default" status.
MATRIX = {
    "partners:organisations": {"any": {"admin": 200, "default": 403}},
    "partners:new_organisation": {"any": {"admin": 200, "default": 403}},
    "partners:organisation": {"any": {"admin": 200, "default": 403}},
    "partners:edit_organisation": {"any": {"admin": 200, "default": 403}},
    "partners:teams": {"any": {"admin": 200, "default": 403}},
    "partners:new_team": {"any": {"admin": 200, "default": 403}},
    "partners:edit_team": {"any": {"admin": 200, "default": 403}},
    "partners:my_teams": {"any": {"default": 200}},
    "partners:user_accounts": {"any": {"admin": 200, "default": 403}},
    "partners:new_user_account": {"any": {"admin": 200, "default": 403}},
    "partners:user_account": {"any": {"admin": 200, "default": 403}},
    "partners:password_link": {"any": {"admin": 405, "default": 403}},  # POST only
    "partners:team": {"own team": {"default": 200}, "other team": {"admin": 200, "default": 404}},
    "partners:new_membership": {
        "own team": {"admin": 200, "team_leader": 200, "default": 403},
        "other team": {"admin": 200, "default": 404},
    },
    "partners:end_membership": {
        "own team": {"admin": 200, "team_leader": 200, "default": 403},
        "other team": {"admin": 200, "default": 404},
    },
}


def cases():
    for endpoint, states in MATRIX.items():
        for state, expected in states.items():
            for role in ROLES:
                yield pytest.param(
                    endpoint, state, role, expected.get(role, expected["default"]), id=f"{endpoint}-{state}-{role}"
                )


def url_for(endpoint, state, own_team, other_team):
    team = other_team if state == "other team" else own_team
    if endpoint in {"partners:organisation", "partners:edit_organisation"}:
        return reverse(endpoint, args=[team.organisation_id])
    if endpoint in {"partners:team", "partners:edit_team", "partners:new_membership"}:
        return reverse(endpoint, args=[team.pk])
    if endpoint in {"partners:user_account", "partners:password_link"}:
        return reverse(endpoint, args=[MembershipFactory(team=team).user_id])
    if endpoint == "partners:end_membership":
        return reverse(endpoint, args=[MembershipFactory(team=team, role="clinician").pk])
    return reverse(endpoint)


@pytest.mark.parametrize(("endpoint", "state", "role", "expected"), list(cases()))
def test_authorisation_matrix(endpoint, state, role, expected, signed_in, client):
    own_team = TeamFactory()
    other_team = TeamFactory(organisation=OrganisationFactory())
    signed_in(role, team=own_team)
    response = client.get(url_for(endpoint, state, own_team, other_team))
    assert response.status_code == expected


@pytest.mark.parametrize("endpoint", [e for e in MATRIX if e != "partners:end_membership"])
def test_signed_out_visitors_are_sent_to_sign_in(endpoint, client, db):
    team = TeamFactory()
    response = client.get(url_for(endpoint, "own team", team, team))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_an_ended_membership_stops_working_on_the_next_request(signed_in, client):
    team = TeamFactory()
    user = signed_in("team_leader", team=team)
    assert client.get(reverse("partners:new_membership", args=[team.pk])).status_code == 200
    membership = user.memberships.get()
    membership.ended_at = membership.started_at  # ended
    membership.save()
    assert client.get(reverse("partners:new_membership", args=[team.pk])).status_code == 404
    assert team.name.encode() not in client.get("/").content
