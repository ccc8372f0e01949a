"""The one read model of a person's record, for the page, the JSON API and, later, FHIR.

`read_record(request, person_id, what)` opens the record through the access policy (404 when refused, like a
missing person; audited either way) and reads each part the user may see, once: the latest version of each part
of the story, the people around them, their sharing choices and their timeline. Whoever presents the record
(a page, an API, an export) presents these, and reads nothing of the person's data on its own.
"""

from dataclasses import dataclass, field

from alongside.consent.models import ConsentProvision

from . import timeline
from .access import allowed_categories, open_record
from .models import CareRelationship, Entry, Person, StoryVersion, Supporter
from .policy import Action, Basis, Category, Decision, Facts, RelationshipKind
from .policy import decide as decide_by_rules

STORY_PARTS = dict(StoryVersion.Part.choices)


@dataclass
class PersonRecord:
    person: Person
    decision: Decision
    facts: Facts
    shown: frozenset[Category]  # the categories the user may read
    writable: frozenset[Category]  # the categories the user may write
    story: dict[str, StoryVersion] | None = None  # part -> its latest version; None when not shown
    relationships: list[CareRelationship] | None = None
    supporters: list[Supporter] | None = None
    provisions: list[ConsentProvision] | None = None
    entries: list[Entry] | None = None
    extra: dict = field(default_factory=dict)

    @property
    def basis(self) -> Basis | None:
        return self.decision.basis

    def may(self, action: Action, category: Category) -> bool:
        return bool(decide_by_rules(self.facts, action, category))

    @property
    def relationship_kinds_writable(self) -> dict[str, str]:
        """The kinds of relationship this user may start or end for the person, with their labels."""
        return dict(relationship_kinds(self.facts))


def read_record(request, person_id, what: str) -> PersonRecord:
    """Open the person's record for this user and read every part they may see: one query a part."""
    person, decision, facts = open_record(request, person_id, Category.NAME, what)
    shown = allowed_categories(facts)
    record = PersonRecord(person, decision, facts, shown, allowed_categories(facts, Action.WRITE))
    if Category.STORY in shown:
        record.story = {version.part: version for version in latest_story(person)}
    if Category.IDENTITY in shown or Category.KEY_CONTACTS in shown:
        record.relationships = list(
            CareRelationship.objects.filter(person=person).select_related("user", "team").order_by("ended_at", "kind")
        )
    if Category.KEY_CONTACTS in shown:
        record.supporters = list(person.supporters.all())
    if Category.CONSENT in shown:
        record.provisions = list(person.consent_provisions.select_related("organisation"))
    if Category.CARE in shown or Category.OWN_NOTES in shown:
        record.entries = timeline.entries(person, shown)
    return record


def latest_story(person: Person) -> list[StoryVersion]:
    """The newest version of each part of the person's story that has been written: one query."""
    return list(
        StoryVersion.objects.filter(person=person)
        .select_related("written_by")
        .order_by("part", "-number")
        .distinct("part")
    )


def relationship_kinds(facts: Facts) -> list[tuple[str, str]]:
    """The kinds of relationship this user may start or end: care ones for staff caring for the person, a proxy
    for the person and the proxies they chose."""
    writable = allowed_categories(facts, Action.WRITE)
    kinds = []
    if Category.CARE in writable:
        kinds += [(k, label) for k, label in CareRelationship.Kind.choices if k != RelationshipKind.PROXY]
    if Category.CONSENT in writable:
        kinds.append((RelationshipKind.PROXY.value, CareRelationship.Kind.PROXY.label))
    return kinds


# ----------------------------------------------------------------------------------------------- parts to change
# Each is read after the record was opened through the access policy (or, for an entry, to learn which category
# opening it needs), and only within the one person: an id from another person's record answers None.


def story_versions(person: Person, part: str):
    """Every version of one part of the story, newest first."""
    return person.story_versions.filter(part=part).select_related("written_by").order_by("-number")


def latest_story_version(person: Person, part: str) -> StoryVersion | None:
    return person.story_versions.filter(part=part).order_by("-number").first()


def original_entry(person_id: int, entry_id: int) -> Entry | None:
    """An entry as first written (not an amendment of one), on this person's timeline."""
    return Entry.objects.filter(pk=entry_id, person_id=person_id, amends__isnull=True).first()


def current_version(entry: Entry) -> Entry:
    """What the entry says now: its latest amendment, or itself."""
    return entry.amendments.order_by("-at").first() or entry


def relationship_of(person: Person, relationship_id: int) -> CareRelationship | None:
    found = CareRelationship.objects.filter(pk=relationship_id, person=person).select_related("user", "team")
    return found.first()


def supporter_of(person: Person, supporter_id: int) -> Supporter | None:
    return Supporter.objects.filter(pk=supporter_id, person=person).first()
