"""Sharing choices in the person's own terms: what each kind of information means, in plain English."""

from collections.abc import Collection

from alongside.people.policy import NEVER_FOR_VOLUNTEERS, Category

# The kinds of information a person can make a choice about, in the order they are offered. The access log,
# consent itself and restricted items are not theirs to share: they are kept by the rules whatever is chosen.
CATEGORY_LABELS: dict[str, str] = {
    Category.NAME: "My name",
    Category.CONTACT: "My address and phone number",
    Category.IDENTITY: "My date of birth, NHS number and GP practice",
    Category.COMMUNICATION: "How best to communicate with me",
    Category.STORY: "My story and what matters to me",
    Category.CARE: "Notes about my care",
    Category.OWN_NOTES: "Notes I wrote myself",
    Category.KEY_CONTACTS: "My family, carers and key contacts",
    Category.SHARED_WITH_VOLUNTEERS: "What I chose to tell volunteers",
}

# Volunteers never see these, whatever the person chooses (the access rules keep them from volunteers).
NOT_FOR_VOLUNTEERS = frozenset(CATEGORY_LABELS) & NEVER_FOR_VOLUNTEERS


def category_labels(categories: Collection[str] | None) -> list[str]:
    """Plain labels for a provision's categories, in the usual order. No categories means everything."""
    if not categories:
        return ["Everything in my record"]
    chosen = set(categories)
    labels = [label for value, label in CATEGORY_LABELS.items() if value in chosen]
    return labels + sorted(c for c in chosen if c not in CATEGORY_LABELS)


def in_a_sentence(label: str) -> str:
    """A label inside a sentence: "My date of birth, NHS number and GP practice" -> "my date of birth, NHS number
    and GP practice". Only the first letter changes, so that NHS and GP keep their capitals."""
    return label[:1].lower() + label[1:]
