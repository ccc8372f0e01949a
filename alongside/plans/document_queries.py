"""Reading the person's documents and crisis flags: each called after the person's record was opened through the
access policy, and only within that one person."""

from django.db.models import Max

from alongside.core import registry
from alongside.people.models import Person

from .documents import ContactAnswer, DocumentAnswers
from .models import CrisisFlag, DocumentVersion


def _versions(person: Person, kind: str):
    return (
        DocumentVersion.objects.filter(person=person, kind=kind)
        .select_related("written_by")
        .prefetch_related("parts", "contacts")
    )


def latest_document(person: Person, kind: str) -> DocumentVersion | None:
    """The document as it stands: its newest version, with its parts and contacts (three queries)."""
    return _versions(person, kind).order_by("-number").first()


def document_versions(person: Person, kind: str) -> list[DocumentVersion]:
    """Every version, newest first, with their parts and contacts (three queries)."""
    return list(_versions(person, kind).order_by("-number"))


def document_version(person: Person, kind: str, number: int) -> DocumentVersion | None:
    return _versions(person, kind).filter(number=number).first()


def latest_number(person: Person, kind: str) -> int:
    return DocumentVersion.objects.filter(person=person, kind=kind).aggregate(n=Max("number"))["n"] or 0


def which_written(person: Person) -> dict[str, DocumentVersion]:
    """Each document the person has, by kind: its newest version, without its parts (one query)."""
    found: dict[str, DocumentVersion] = {}
    for version in DocumentVersion.objects.filter(person=person).order_by("kind", "-number"):
        found.setdefault(version.kind, version)
    return found


def as_answers(version: DocumentVersion | None) -> DocumentAnswers | None:
    if version is None:
        return None
    parts = list(version.parts.all())
    return DocumentAnswers(
        parts={p.key: p.text for p in parts},
        contacts=tuple(ContactAnswer(c.name, c.phone, c.about, c.words) for c in version.contacts.all()),
        reason=version.reason,
        words={p.key: p.words for p in parts},
    )


def open_flag(person: Person) -> CrisisFlag | None:
    """The crisis flag a worker set and no one has ended yet, if any."""
    return CrisisFlag.objects.filter(person=person, ended_at__isnull=True).select_related("started_by").first()


def flag_history(person: Person) -> list[CrisisFlag]:
    """Every crisis flag, newest first, ended or not."""
    return list(CrisisFlag.objects.filter(person=person).select_related("started_by", "ended_by"))


def in_crisis(person: Person) -> tuple[CrisisFlag | None, object]:
    """Whether the person is in crisis now: a worker's open flag, and the day of a recent crisis another part of
    Alongside knows of (registry `crisis_known`: continuity's crisis in the last 90 days), either or both."""
    return open_flag(person), registry.crisis_known(person.pk)
