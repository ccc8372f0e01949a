"""The matrix covers what every app says it must (`AuthorisationCoverage` in its contributions.py), and every
app says it must cover each of its pages about a person or a referral: a new page cannot slip past the matrix."""

import re

from django.urls import URLResolver, get_resolver

from alongside.core import registry

from .machinery import tables

# A route that takes a person's or a referral's id: a `person_id` or `referral_id`, or a `pk` just after
# "people/" or "referrals/".
ABOUT_A_PERSON_OR_REFERRAL = re.compile(r"<int:(person_id|referral_id)>|(people|referrals)/<int:pk>")


def routes(patterns=None, namespace=None, prefix=""):
    """Every named URL: (namespace, name, its whole route)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, pattern.namespace or namespace, prefix + str(pattern.pattern))
        elif pattern.name:
            yield namespace, pattern.name, prefix + str(pattern.pattern)


def checked() -> dict[str, set[str]]:
    """By URL name: the states it is checked in, across every app's rows."""
    found: dict[str, set[str]] = {}
    for table in tables().values():
        for _subject, state, _user, cells, *_defect in table.ROWS:
            for endpoint in cells:
                found.setdefault(table.ENDPOINTS[endpoint]["url"], set()).add(state)
    return found


def test_every_endpoint_and_state_an_app_declares_has_rows_in_the_matrix():
    declared = registry.authorisation()
    assert declared, "no app declares what the matrix must cover"
    states_of = checked()
    missing = []
    for app, coverage in declared.items():
        missing += [f"{app}: endpoint {e}" for e in coverage.endpoints if e not in states_of]
        covered = set().union(*(states_of.get(e, set()) for e in coverage.endpoints))
        missing += [f"{app}: state {s!r}" for s in coverage.states if s not in covered]
    assert not missing, "declared but without rows in the matrix:\n" + "\n".join(missing)


def test_every_page_about_a_person_or_a_referral_is_declared():
    """By the app whose namespace it is in; an API operation (the API has one namespace) by any app."""
    declared = registry.authorisation()
    anywhere = {e for coverage in declared.values() for e in coverage.endpoints}
    undeclared = []
    for namespace, name, route in routes():
        if not ABOUT_A_PERSON_OR_REFERRAL.search(route):
            continue
        url = f"{namespace}:{name}"
        own = declared.get(namespace)
        if url not in (own.endpoints if own else anywhere if namespace == "api" else ()):
            undeclared.append(f"{url} ({route})")
    assert not undeclared, "pages about a person or a referral that no app asks the matrix to cover:\n" + "\n".join(
        undeclared
    )
