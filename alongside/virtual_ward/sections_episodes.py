"""The person page's "Virtual ward" section: a link to refer for staff who may refer, and the current or last stay
for anyone who may read the person's care (the person and their proxy too). To the person, nurses are named by
their first name only."""

from django.urls import reverse

from alongside.people.access import decide, record
from alongside.people.policy import Acting, Action, Category, RelationshipKind

from . import queries_episodes as queries
from .actions_episodes import refer_basis


def virtual_ward(request, record_read) -> dict | None:
    person, facts = record_read.person, record_read.facts
    may_refer = refer_basis(request, person, facts) is not None
    episode = waiting = None
    if Category.CARE in record_read.shown:
        episode = queries.latest_episode(person.pk)
        waiting = queries.waiting_referral(person.pk)
        if episode or waiting:
            basis = decide(request, person, Action.READ, Category.CARE, facts).basis
            record(request, "ward_episode_on_record", person.pk, basis)
    if not (may_refer or episode or waiting):
        return None
    as_person = facts.is_self or (facts.acting != Acting.STAFF and RelationshipKind.PROXY in facts.relationship_kinds)
    plan = queries.plan(episode) if episode else []
    return {
        "name": person.given_name,
        "own": facts.is_self,
        "as_person": as_person,
        "refer_href": reverse("virtual_ward:refer", args=[person.pk])
        if may_refer and not episode_open(episode) and waiting is None
        else "",
        "episode": episode,
        "waiting": waiting,
        "plan": plan,
        "progress": queries.progress(episode) if episode else None,
        "when": queries.when,
        "sent": queries.sent,
    }


def episode_open(episode) -> bool:
    return episode is not None and episode.ended_at is None
