"""The person page's plan section: the plan as it stands, whose words each part is in, and what this user may do.
For those who may read the person's own account (their story); to the person it speaks as "you"."""

from alongside.people.policy import Category

from . import queries
from .actions import writer_for


def plan(request, record) -> dict | None:
    if Category.STORY not in record.shown:
        return None
    story = record.story or {}
    return {
        "plan": queries.latest_plan(record.person),
        "what_matters": story.get("what_matters"),
        "own": record.facts.is_self,
        "name": record.person.given_name,
        "may_write": writer_for(record.facts) is not None,
    }
