import nhs_number
from django import forms
from django.contrib.auth import get_user_model

from alongside.people.models import Person

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y"]  # never the US month-first order


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        required=False,
        label=label,
        help_text="For example, 31/12/2026",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": f"Enter the '{label.lower()}' date as a real date, for example 31/12/2026"},
    )


class AuditSearchForm(forms.Form):
    person = forms.CharField(
        required=False,
        max_length=20,
        label="Person (optional)",
        help_text="Their NHS number, or their record number in Alongside (the number in their record's web address)",
    )
    username = forms.CharField(
        required=False, max_length=150, label="User (optional)", help_text="The username they sign in with"
    )
    date_from = _date_field("From")
    date_to = _date_field("To")

    def clean_person(self):
        typed = "".join(self.cleaned_data["person"].split())
        if not typed:
            return None
        if not typed.isdigit():
            raise forms.ValidationError("Enter an NHS number or a record number, using numbers only")
        if len(typed) == 10:
            if not nhs_number.is_valid(typed):
                raise forms.ValidationError("This is not a valid NHS number. Check each digit.")
            person = Person.objects.filter(nhs_number=typed).first()
            if person is None:
                raise forms.ValidationError(f"No one in Alongside has the NHS number {typed}. Check the number.")
            return person
        person = Person.objects.filter(pk=int(typed)).first() if len(typed) < 10 else None
        if person is None:
            raise forms.ValidationError(f"No one in Alongside has the record number {typed}. Check the number.")
        return person

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if not username:
            return None
        user = get_user_model().objects.filter(username__iexact=username).first()
        if user is None:
            raise forms.ValidationError(f"There is no user with the username {username}. Check the spelling.")
        return user

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        if not self.errors and not any(data.get(f) for f in ("person", "username", "date_from", "date_to")):
            raise forms.ValidationError("Enter a person, a user or a period to search the audit")
        return data
