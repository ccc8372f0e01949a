"""The three documents written with the person besides their plan (issue 15, item 2), as plain data: a staying-well
plan, a joint crisis plan and an advance statement of wishes. Each is a few parts in the person's words, under
headings of the project's own (after the Devon recovery model's "staying well" and "crisis" planning), and the
crisis plan also names who to contact.

No database here: what each document is called, its parts, and how a heading reads to the person ("you") and to
anyone else (by name). Whose words each part is in is decided as for the plan (`answers.whose`).
"""

from dataclasses import dataclass

from .answers import whose

STAYING_WELL, CRISIS, WISHES = "staying_well", "crisis", "wishes"
CONTACT_SLOTS = 3  # people to contact in a crisis, asked for at once


@dataclass(frozen=True)
class Part:
    key: str
    own: str  # the heading, to the person
    other: str  # the heading, to anyone else: {name} is the person's given name
    hint: str = ""

    def heading(self, own: bool, name: str) -> str:
        return self.own if own else self.other.format(name=name)


@dataclass(frozen=True)
class Kind:
    key: str
    slug: str  # in the address
    title: str  # "Staying-well plan"
    about: str  # one sentence: what it is for, to the person
    about_other: str  # the same, to anyone else
    parts: tuple[Part, ...]
    contacts: bool = False  # it names who to contact, with their phone numbers
    # Audit action names, written out so that each can be found and worded (alongside/audit/wording.py).
    viewed: str = ""
    version_viewed: str = ""
    printed: str = ""
    opened_for_writing: str = ""
    written: str = ""

    def said(self, own: bool, name: str) -> str:
        return self.about if own else self.about_other.format(name=name)

    def own_title(self, own: bool) -> str:
        return f"Your {self.title[0].lower()}{self.title[1:]}" if own else self.title


KINDS: dict[str, Kind] = {
    STAYING_WELL: Kind(
        STAYING_WELL,
        "staying-well",
        "Staying-well plan",
        "What keeps you well, and what to do early if things start to slip.",
        "What keeps {name} well, and what to do early if things start to slip.",
        (
            Part("when_well", "What you are like when you are well", "What {name} is like when they are well"),
            Part("keeps_well", "What keeps you well each day", "What keeps {name} well each day"),
            Part("upsets", "What can upset your balance", "What can upset {name}'s balance"),
            Part(
                "early_signs",
                "Early signs that you are becoming unwell",
                "Early signs that {name} is becoming unwell",
            ),
            Part(
                "will_do",
                "What you will do, and what you would like others to do",
                "What {name} will do, and what they would like others to do",
            ),
        ),
        viewed="staying_well_plan_viewed",
        version_viewed="staying_well_plan_version_viewed",
        printed="staying_well_plan_printed",
        opened_for_writing="staying_well_plan_opened_for_writing",
        written="staying_well_plan_written",
    ),
    CRISIS: Kind(
        CRISIS,
        "crisis-plan",
        "Joint crisis plan",
        "What to do if you are in crisis, agreed with you before it happens.",
        "What to do if {name} is in crisis, agreed with them before it happens.",
        (
            Part("signs", "Signs that you are in crisis", "Signs that {name} is in crisis"),
            Part("helps", "What helps", "What helps {name}"),
            Part("does_not_help", "What does not help", "What does not help {name}"),
            Part("treatment", "Your treatment preferences", "{name}'s treatment preferences"),
            Part(
                "practical",
                "Practical things: children, pets, the home",
                "Practical things: children, pets, the home",
                "Who looks after what, and any keys or routines",
            ),
        ),
        contacts=True,
        viewed="crisis_plan_viewed",
        version_viewed="crisis_plan_version_viewed",
        printed="crisis_plan_printed",
        opened_for_writing="crisis_plan_opened_for_writing",
        written="crisis_plan_written",
    ),
    WISHES: Kind(
        WISHES,
        "wishes",
        "Advance statement of wishes",
        "What you want, and do not want, if you cannot say so at the time.",
        "What {name} wants, and does not want, if they cannot say so at the time.",
        (
            Part(
                "wants",
                "What you want to happen if you cannot say so at the time",
                "What {name} wants to happen if they cannot say so at the time",
            ),
            Part("not_wanted", "What you do not want to happen", "What {name} does not want to happen"),
            Part("ask", "Who you want to be asked", "Who {name} wants to be asked"),
            Part("anything_else", "Anything else", "Anything else"),
        ),
        viewed="advance_statement_viewed",
        version_viewed="advance_statement_version_viewed",
        printed="advance_statement_printed",
        opened_for_writing="advance_statement_opened_for_writing",
        written="advance_statement_written",
    ),
}
BY_SLUG = {kind.slug: kind for kind in KINDS.values()}


@dataclass(frozen=True)
class ContactAnswer:
    name: str
    phone: str
    about: str = ""  # who they are to the person, or when to call them
    words: str = ""

    def same_text(self, other: "ContactAnswer | None") -> bool:
        return other is not None and (self.name, self.phone, self.about) == (other.name, other.phone, other.about)


@dataclass(frozen=True)
class DocumentAnswers:
    parts: dict[str, str]  # part key -> text
    contacts: tuple[ContactAnswer, ...] = ()
    reason: str = ""
    words: dict[str, str] | None = None  # part key -> whose words; decided on saving


def document_whose_words(
    before: DocumentAnswers | None, now: DocumentAnswers, writer_words: str
) -> tuple[dict[str, str], tuple[ContactAnswer, ...]]:
    """Whose words each part and each contact is in after a save: unchanged ones stay whose they were, changed
    ones are the writer's, empty ones nobody's."""
    before = before or DocumentAnswers({})
    old_words = before.words or {}
    words = {
        key: whose(before.parts.get(key, ""), old_words.get(key, ""), text, writer_words)
        for key, text in now.parts.items()
    }
    contacts = []
    for position, contact in enumerate(now.contacts):
        old = before.contacts[position] if position < len(before.contacts) else None
        kept = old.words if old is not None and contact.same_text(old) and old.words else writer_words
        contacts.append(ContactAnswer(contact.name, contact.phone, contact.about, kept))
    return words, tuple(contacts)
