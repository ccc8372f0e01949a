"""Plain words and words that carry hope: rows of the authorisation matrix for the pages for writers (see
tests/authorisation), as they SHOULD be:

- the check of words as they are typed reads no one's record and keeps nothing: anyone signed in may ask it (the
  person too, though their own words are never checked on their pages); a visitor is sent to sign in;
- a team's monthly counts of suggestions shown and taken: only the team's leaders; a leader of another team, and
  every other role, never see the team.
"""

from django.urls import reverse

from alongside.partners.models import Role
from tests.authorisation.machinery import SIGN_IN, SIGNED_OUT

KINDS = [r.value for r in Role] + ["person", SIGNED_OUT]  # roles in the team, as the machinery makes them


def check_words(client, world):
    """What the check answers: 200 with the part of the page, or the way to sign in."""
    answer = client.post(reverse("language:check"), {"field": "note", "note": "He refuses his tablets"})
    if answer.status_code == 302 and answer["Location"].startswith(reverse("account_login")):
        return SIGN_IN
    return answer.status_code


ENDPOINTS = {
    "check words": {"url": "language:check", "answer": "changed", "change": check_words},
    "team's counts of words": {
        "url": "language:team_counts",
        "answer": "mentions",
        "mention": "{team.name}",
        "refused": (200, 302, 403),
    },
}

ROWS = [
    *(
        (
            "team",
            "own team",
            user,
            {"check words": SIGN_IN if user == SIGNED_OUT else 200, "team's counts of words": user == Role.TEAM_LEADER},
        )
        for user in KINDS
    ),
    ("team", "other team", Role.TEAM_LEADER, {"team's counts of words": False}),
]
