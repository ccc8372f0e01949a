"""A referral started from a person's record: the form begins with what the record says about them, so that
nothing is typed twice. Only what the user may read is copied, and reading it is audited like any read."""

from django.http import Http404

from alongside.core.numbers import whole_number
from alongside.people.access import decide, open_record, record_access
from alongside.people.models import Person
from alongside.people.policy import Action, Category

# What the referral form asks about the person, from the record, by the category that holds it.
FROM_RECORD = {
    Category.NAME: ["given_name", "family_name"],
    Category.IDENTITY: ["birth_date", "nhs_number"],
    Category.CONTACT: ["address_line", "postcode", "phone"],
}


def from_record(request, person_id: str) -> tuple[Person, dict]:
    """The person and the form's starting values from their record: 404, audited, if the user may not see them."""
    number = whole_number(str(person_id))
    if number is None:
        raise Http404
    person, _, facts = open_record(request, number, Category.NAME, "referral_started_from_record")
    values: dict = {}
    for category, names in FROM_RECORD.items():
        decision = decide(request, person, Action.READ, category, facts)
        if not decision:
            continue
        if category != Category.NAME:
            record_access(request, person, "referral_started_from_record", decision, category=str(category))
        values |= {name: getattr(person, name) for name in names if getattr(person, name, None)}
    return person, values
