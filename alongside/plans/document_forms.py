"""The forms for the person's documents and the crisis flag. Each bad value gets its own message; nothing typed is
lost. Labels speak to the person as "you" and name them to anyone else, their proxy too."""

from django import forms

from alongside.core.forms import OnceForm
from alongside.core.validators import clean_uk_phone

from .answers import PERSON, STAFF
from .documents import CONTACT_SLOTS, ContactAnswer, DocumentAnswers, Kind


class DocumentForm(OnceForm):
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(max_length=200, required=False, label="Why are you changing it? (optional)")

    def __init__(self, *args, kind: Kind, staff: bool, own: bool, name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind, self.staff = kind, staff
        for part in kind.parts:
            self.fields[part.key] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=3000,
                required=False,
                label=part.heading(own, name),
                help_text=part.hint,
            )
        if kind.contacts:
            for n in range(1, CONTACT_SLOTS + 1):
                self.fields[f"contact_{n}_name"] = forms.CharField(max_length=100, required=False, label="Name")
                self.fields[f"contact_{n}_phone"] = forms.CharField(max_length=30, required=False, label="Phone number")
                self.fields[f"contact_{n}_about"] = forms.CharField(
                    max_length=200, required=False, label="Who they are, or when to call them (optional)"
                )
        if staff:
            self.fields["whose"] = forms.ChoiceField(
                widget=forms.RadioSelect,
                choices=[(PERSON, f"{name}'s own words, written down with them"), (STAFF, "My words")],
                label="Whose words are the parts you wrote or changed?",
                error_messages={"required": f"Select whose words these are: {name}'s or yours"},
            )

    def part_fields(self):
        return [self[part.key] for part in self.kind.parts]

    def clean(self):
        data = super().clean()
        if {"based_on", "form_key"} & set(self.errors):  # hidden: the page was changed or is from an old form
            self.add_error(None, "This page could not be read. Check your answers, then press Continue again")
        if self.kind.contacts:
            for n in range(1, CONTACT_SLOTS + 1):
                name = data.get(f"contact_{n}_name", "").strip()
                phone = data.get(f"contact_{n}_phone", "").strip()
                about = data.get(f"contact_{n}_about", "").strip()
                if (phone or about) and not name:
                    self.add_error(f"contact_{n}_name", f"Enter the name of contact {n}, or clear their details")
                if name and not phone:
                    self.add_error(f"contact_{n}_phone", f"Enter a phone number for {name}")
                elif phone:
                    try:
                        data[f"contact_{n}_phone"] = clean_uk_phone(phone)
                    except forms.ValidationError as error:
                        self.add_error(f"contact_{n}_phone", error)
        if not any(data.get(part.key, "").strip() for part in self.kind.parts) and not any(
            data.get(f"contact_{n}_name", "").strip() for n in range(1, CONTACT_SLOTS + 1)
        ):
            self.add_error(self.kind.parts[0].key, "Write at least one part")
        return data

    def answers(self) -> DocumentAnswers:
        data = self.cleaned_data
        contacts = tuple(
            ContactAnswer(
                data[f"contact_{n}_name"].strip(),
                data[f"contact_{n}_phone"].strip(),
                data[f"contact_{n}_about"].strip(),
            )
            for n in range(1, CONTACT_SLOTS + 1)
            if self.kind.contacts and data[f"contact_{n}_name"].strip()
        )
        return DocumentAnswers(
            {part.key: data[part.key].strip() for part in self.kind.parts}, contacts, data["reason"].strip()
        )


def document_initial(version) -> dict:
    """The form filled from the document as it stands."""
    if version is None:
        return {"based_on": 0}
    initial: dict = {"based_on": version.number}
    for part in version.parts.all():
        initial[part.key] = part.text
    for n, contact in enumerate(version.contacts.all(), start=1):
        initial |= {f"contact_{n}_name": contact.name, f"contact_{n}_phone": contact.phone}
        initial[f"contact_{n}_about"] = contact.about
    return initial


class CrisisForm(OnceForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=300,
        error_messages={"required": "Say why"},
    )

    def __init__(self, *args, ending: bool, name: str, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        if ending:
            field.label = f"Why is {name} no longer in crisis?"
            field.error_messages["required"] = f"Say why {name} is no longer in crisis"
        else:
            field.label = f"Why is {name} in crisis now?"
            field.help_text = "Everyone who may read their care will see this at the top of their page"
            field.error_messages["required"] = f"Say why {name} is in crisis now"

    def clean(self):
        data = super().clean()
        if "form_key" in self.errors:
            self.add_error(None, "This page could not be read. Press the button again")
        return data
