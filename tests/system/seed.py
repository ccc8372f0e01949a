"""A small world for the system tests, made on the private cluster by a process of its own (`seed()`).

An administrator; a GP with a second factor and an API token (who sends referrals); a clinician with a second
factor and a signed-in session (who reads pages), named worker of 20 people in one team. It prints what the tests
need as one JSON line: the token, the session cookie and the people's ids.
"""

import json
import time

TOKEN = "alg_system-tests-gp-token"  # synthetic, only ever on a throwaway cluster


def seed() -> None:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from alongside.core.middleware import LAST_SEEN
    from alongside.core.models import ApiToken
    from alongside.core.sessions import SessionStore
    from alongside.core.tests.factories import enrol_totp
    from alongside.partners.tests.factories import MembershipFactory, TeamFactory
    from alongside.people.tests.factories import PersonFactory, RelationshipFactory

    team = TeamFactory(name="Riverside neighbourhood team")
    MembershipFactory(role="admin", team=team, user__username="admin")
    gp = MembershipFactory(role="gp", team=TeamFactory(name="Riverside Medical Centre"), user__username="gp").user
    clinician = MembershipFactory(role="clinician", team=team, user__username="clinician").user
    for user in (gp, clinician):
        enrol_totp(user)
    ApiToken.issue(gp, "system tests", TOKEN)
    people = [PersonFactory() for _ in range(20)]
    for person in people:
        RelationshipFactory(person=person, user=clinician)

    session = SessionStore()
    session[SESSION_KEY] = str(clinician.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = clinician.get_session_auth_hash()
    session[LAST_SEEN] = int(time.time())
    session.create()
    world = {
        "token": TOKEN,
        "cookie": {settings.SESSION_COOKIE_NAME: session.session_key},
        "people": [person.pk for person in people],
    }
    print("WORLD " + json.dumps(world))
