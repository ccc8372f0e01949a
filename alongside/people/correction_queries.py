"""What the correction pages read: the entry a correction is asked of, the request being answered, and the
entry's wording as it stands now."""

from .models import CorrectionRequest, Entry


def entry_to_correct(person, entry_id) -> Entry | None:
    """An entry staff wrote about the person that a correction may be asked of (not an amendment, not restricted,
    not the person's own note), with its author; else None."""
    return (
        Entry.objects.filter(pk=entry_id, person=person, amends__isnull=True, restricted=False)
        .exclude(kind=Entry.Kind.OWN_NOTE)
        .select_related("author")
        .first()
    )


def correction_of(person, correction_id) -> CorrectionRequest | None:
    """A request for a correction of the person's record, with the entry, its author and who asked and answered."""
    return (
        CorrectionRequest.objects.filter(pk=correction_id, person=person)
        .select_related("entry__author", "asked_by", "answered_by", "person")
        .first()
    )


def as_it_stands(entry: Entry) -> Entry:
    """The entry's latest amendment, or the entry itself if it was never amended."""
    return entry.amendments.order_by("-at").first() or entry
