"""What the sharing-choices pages read: a person's recorded choices."""

from .models import ConsentProvision


def choices_of(person) -> list[ConsentProvision]:
    """Every choice recorded for the person, newest first, with who it concerns and who recorded it."""
    return list(person.consent_provisions.select_related("organisation", "recorded_by").order_by("-recorded_at", "-pk"))


def choice_of(person, provision_id) -> ConsentProvision | None:
    """One of the person's recorded choices, with who it concerns and who recorded it, else None."""
    return (
        ConsentProvision.objects.select_related("organisation", "recorded_by")
        .filter(pk=provision_id, person=person)
        .first()
    )
