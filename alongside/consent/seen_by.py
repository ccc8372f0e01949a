"""What each party in a person's life actually sees, worked out by the one access policy from the person's
sharing choices, so that the sharing page says "your volunteer sees: ..." and means it.

Pure: the parties and the choices come in; the policy (`alongside.people.policy.decide`) answers for each kind of
information, exactly as it does when that party opens the record.
"""

from dataclasses import dataclass
from datetime import datetime

from alongside.people.policy import Acting, Action, Category, Facts, Provision, decide

# The kinds of information as the person reads them ("you") and as anyone else does ("their").
YOURS = {
    Category.NAME: "your name",
    Category.CONTACT: "your address and phone number",
    Category.IDENTITY: "your date of birth, NHS number and GP practice",
    Category.COMMUNICATION: "how best to communicate with you",
    Category.STORY: "your story and what matters to you",
    Category.CARE: "notes about your care",
    Category.OWN_NOTES: "notes you wrote yourself",
    Category.KEY_CONTACTS: "your family, carers and key contacts",
    Category.SHARED_WITH_VOLUNTEERS: "what you chose to tell volunteers",
}
THEIRS = {
    Category.NAME: "their name",
    Category.CONTACT: "their address and phone number",
    Category.IDENTITY: "their date of birth, NHS number and GP practice",
    Category.COMMUNICATION: "how best to communicate with them",
    Category.STORY: "their story and what matters to them",
    Category.CARE: "notes about their care",
    Category.OWN_NOTES: "notes they wrote themselves",
    Category.KEY_CONTACTS: "their family, carers and key contacts",
    Category.SHARED_WITH_VOLUNTEERS: "what they chose to tell volunteers",
}


@dataclass(frozen=True)
class Party:
    """Someone in the person's life, as the access policy sees them."""

    who: str  # "Sam Okoro, your named worker"
    acting: Acting
    kinds: frozenset[str] = frozenset()
    organisation_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Seen:
    who: str
    sees: list[str]
    does_not_see: list[str]


def what_each_sees(parties: list[Party], provisions: tuple[Provision, ...], at: datetime, own: bool) -> list[Seen]:
    """For each party: the kinds of information they see today, and those they do not, in plain words."""
    words = YOURS if own else THEIRS
    out = []
    for party in parties:
        facts = Facts(
            at=at,
            acting=party.acting,
            relationship_kinds=party.kinds,
            organisation_ids=party.organisation_ids,
            provisions=provisions,
        )
        shown = {category for category in words if decide(facts, Action.READ, category)}
        out.append(
            Seen(
                party.who,
                [said for category, said in words.items() if category in shown],
                [said for category, said in words.items() if category not in shown],
            )
        )
    return out
