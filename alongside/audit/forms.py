import nhs_number
from django import forms

from alongside.consent.forms import DateInputField
from alongside.core.numbers import ascii_digits, whole_number
from alongside.people.models import Person


class AuditSearchForm(forms.Form):
    """A person, a user and a period, each optional. A person or a user may be typed by name: the view finds them
    (`queries.people_called`, `partners.queries.users_named`) and, when a name fits more than one, asks which."""

    person = forms.CharField(
        required=False,
        max_length=200,
        label="Person (optional)",
        help_text="Their name, their NHS number, or their record number in Alongside "
        "(the number in their record's web address)",
    )
    username = forms.CharField(
        required=False,
        max_length=150,
        label="User (optional)",
        help_text="Their name, or the username they sign in with",
    )
    date_from = DateInputField(
        named="The 'from' date", example="1 3 2026", required=False, label="From", help_text="For example, 1 3 2026"
    )
    date_to = DateInputField(
        named="The 'to' date", example="31 3 2026", required=False, label="To", help_text="For example, 31 3 2026"
    )

    def clean_person(self):
        """A Person found by number, the name typed (a str) for the view to look up, or None."""
        typed = " ".join(self.cleaned_data["person"].replace("\x00", "").split())
        if not typed:
            return None
        digits = ascii_digits("".join(typed.split()))  # as stored: 0 to 9, whatever the keyboard
        record_number = whole_number(digits)
        if record_number is None:
            if any(ch.isdigit() for ch in typed) and not any(ch.isalpha() for ch in typed):
                raise forms.ValidationError("Enter a name, an NHS number or a record number")
            return typed
        if len(digits) == 10:
            if not nhs_number.is_valid(digits):
                raise forms.ValidationError("This is not a valid NHS number. Check each digit.")
            person = Person.objects.filter(nhs_number=digits).first()
            if person is None:
                raise forms.ValidationError(f"No one in Alongside has the NHS number {digits}. Check the number.")
            return person
        person = Person.objects.filter(pk=record_number).first() if len(digits) < 10 else None
        if person is None:
            raise forms.ValidationError(f"No one in Alongside has the record number {digits}. Check the number.")
        return person

    def clean_username(self):
        """The name or username typed, for the view to look up, or None."""
        return " ".join(self.cleaned_data["username"].replace("\x00", "").split()) or None

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        if not self.errors and not any(data.get(f) for f in ("person", "username", "date_from", "date_to")):
            raise forms.ValidationError("Enter a person, a user or a period to search the audit")
        return data
