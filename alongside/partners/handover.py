"""What ending a membership would leave undone: the people whose named worker the member is.

Partners knows memberships, not people: who is someone's named worker is the record's to say (the record sits
above partners, and partners imports none of it). So an app says what a membership's end would leave undone
through its contributions (`Contributions.membership_ending`, ADR 20): the record's `alongside/people/handover.py`
answers with the people, shows their names only to the team's leader (audited), and offers the page to choose a
new named worker for each. With no app to answer, a membership ends as before.
"""

from dataclasses import dataclass, field

from alongside.core import registry


@dataclass(frozen=True)
class Handover:
    """People who would be left without a named worker if the membership ended now."""

    names: list[str] = field(default_factory=list)  # as the team's leader sees them, sorted
    choose_url: str = ""  # the page where the team's leader chooses a new named worker for each
    unnamed: int = 0  # how many, for an administrator, who sees no person data: their team leader chooses

    @property
    def count(self) -> int:
        return len(self.names) + self.unnamed


def people_left(request, membership) -> Handover | None:
    """What ending this membership now would leave without a named worker, or None if nothing would be."""
    for ask in registry.membership_ending():
        handover = ask(request, membership)
        if handover is not None and handover.count:
            return handover
    return None
