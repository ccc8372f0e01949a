"""What ending a membership would leave undone: the people whose named worker the member is.

Partners knows memberships, not people: who is someone's named worker is the record's to say (the record sits
above partners, and partners imports none of it). So, as core finds each app's `contributions.py`, this finds
each installed app's `handover.py` and asks its `people_left(request, membership)` (a `Handover`, or None when
nothing would be left). The record's own `alongside/people/handover.py` answers with the people, audits the
names it shows and offers the page to choose a new named worker for each. With no app to answer, a membership
ends as before.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class Handover:
    """People who would be left without a named worker if the membership ended now."""

    names: list[str] = field(default_factory=list)  # as the team's leader sees them, sorted
    choose_url: str = ""  # the page where the team's leader chooses a new named worker for each
    unnamed: int = 0  # how many, for an administrator, who sees no person data: their team leader chooses

    @property
    def count(self) -> int:
        return len(self.names) + self.unnamed


@cache
def _providers() -> tuple[Callable[[Any, Any], Handover | None], ...]:
    found = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.handover"
        if config.name != __package__ and find_spec(module_name) is not None:
            found.append(import_module(module_name).people_left)
    return tuple(found)


def people_left(request, membership) -> Handover | None:
    """What ending this membership now would leave without a named worker, or None if nothing would be."""
    for provider in _providers():
        handover = provider(request, membership)
        if handover is not None and handover.count:
            return handover
    return None
