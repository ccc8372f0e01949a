import datetime

from django import forms
from django.contrib.auth import get_user_model
from localflavor.gb.forms import GBPostcodeField

from alongside.core.forms import OnceForm
from alongside.core.validators import clean_nhs_number, clean_uk_phone
from alongside.partners.models import Role, Team

from .models import Entry, Person
from .policy import RelationshipKind


class StoryForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea,
        max_length=10000,
        label="In the person's own words",
        error_messages={"required": "Write the story in the person's words, or go back without saving"},
    )
    reason = forms.CharField(
        max_length=200,
        label="Why is this changing?",
        help_text="For example: first told at assessment; Ada asked to add her grandchildren",
        error_messages={"required": "Say why this is changing, so others can follow the story's history"},
    )
    written_with_person = forms.BooleanField(required=False, label="Written with the person")
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, own: bool = False, **kwargs):
        """`own`: the person writes their own words, and is spoken to as "you"."""
        super().__init__(*args, **kwargs)
        if own:
            self.fields["text"].label = "In your own words"
            self.fields["text"].error_messages["required"] = "Write it in your own words, or go back without saving"
            self.fields["reason"].label = "Why are you changing it?"
            self.fields["reason"].help_text = "For example: I wanted to add my grandchildren"
            self.fields["reason"].error_messages["required"] = "Say why you are changing it, so its history is clear"


class EntryForm(OnceForm):
    kind = forms.ChoiceField(
        choices=[("", "Select what kind of entry"), *[c for c in Entry.Kind.choices if c[0] != Entry.Kind.OWN_NOTE]],
        label="Kind of entry",
        error_messages={"required": "Select what kind of entry this is"},
    )
    text = forms.CharField(
        widget=forms.Textarea, max_length=10000, label="Entry", error_messages={"required": "Write the entry"}
    )
    restricted = forms.BooleanField(
        required=False,
        label="Sensitive: show only to the named worker",
        help_text="Nobody else sees a sensitive entry, not even that it exists, unless they use break-glass",
    )


class AmendForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea,
        max_length=10000,
        label="Corrected entry",
        error_messages={"required": "Write the corrected entry"},
    )
    reason = forms.CharField(
        max_length=200, label="What was wrong?", error_messages={"required": "Say what was wrong with the entry"}
    )


class OwnNoteForm(OnceForm):
    text = forms.CharField(
        widget=forms.Textarea,
        max_length=10000,
        label="Your note",
        help_text="It goes on your timeline, in your words, for the people caring for you to read",
        error_messages={"required": "Write your note, or go back without saving"},
    )


class CommunicationForm(forms.Form):
    communication_needs = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        label="How should people communicate with you?",
        help_text="For example: I speak Polish and need an interpreter; I am hard of hearing, so face me when you talk",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CorrectionRequestForm(OnceForm):
    what_is_wrong = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        label="What is wrong with this entry?",
        error_messages={"required": "Say what is wrong with the entry"},
    )
    what_it_should_say = forms.CharField(
        widget=forms.Textarea,
        max_length=10000,
        required=False,
        label="What should it say? (optional)",
    )


class CorrectEntryForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea,
        max_length=10000,
        label="The corrected entry",
        error_messages={"required": "Write the corrected entry"},
    )
    note = forms.CharField(
        max_length=150,
        required=False,
        label="What you changed (optional)",
        help_text="The person reads this with your answer",
    )

    def __init__(self, *args, current: str, **kwargs):
        self.current = current
        super().__init__(*args, **kwargs)

    def clean_text(self):
        text = self.cleaned_data["text"]
        if text.strip() == self.current.strip():
            raise forms.ValidationError("The entry is the same as before. Change it, or keep it as it is below")
        return text


class KeepEntryForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        label="Why does the entry stay as it is?",
        help_text="The person reads this. Their request stays beside the entry, so their view is on the record",
        error_messages={"required": "Say why the entry stays as it is"},
    )


class PersonDetailsForm(forms.Form):
    """Identity and contact details. Each bad value gets its own message; nothing typed is lost."""

    given_name = forms.CharField(
        max_length=100, label="First name", error_messages={"required": "Enter their first name"}
    )
    family_name = forms.CharField(
        max_length=100, label="Last name", error_messages={"required": "Enter their last name"}
    )
    preferred_name = forms.CharField(max_length=100, required=False, label="Known as (optional)")
    birth_day = forms.CharField(required=False, label="Day", max_length=2)
    birth_month = forms.CharField(required=False, label="Month", max_length=2)
    birth_year = forms.CharField(required=False, label="Year", max_length=4)
    nhs_number = forms.CharField(
        required=False, max_length=20, label="NHS number (optional)", help_text="10 digits, for example 999 123 4519"
    )
    address_line = forms.CharField(max_length=200, required=False, label="Address")
    town = forms.CharField(max_length=100, required=False, label="Town or city")
    postcode = GBPostcodeField(
        required=False, label="Postcode", error_messages={"invalid": "Enter a real postcode, like NV1 2AB"}
    )
    phone = forms.CharField(max_length=30, required=False, label="Phone number (optional)")
    communication_needs = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        label="Communication needs (optional)",
        help_text="For example: prefers Polish and an interpreter; hard of hearing, face her when speaking",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_nhs_number(self):
        digits = clean_nhs_number(self.cleaned_data["nhs_number"])
        if not digits:
            return None
        if Person.objects.filter(nhs_number=digits).exclude(pk=self.person.pk).exists():
            raise forms.ValidationError("Another person already has this NHS number. Check it before saving")
        return digits

    def clean_phone(self):
        return clean_uk_phone(self.cleaned_data["phone"])

    def __init__(self, *args, person, **kwargs):
        self.person = person
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        parts = [data.get("birth_day", ""), data.get("birth_month", ""), data.get("birth_year", "")]
        if not any(p.strip() for p in parts):
            self.add_error("birth_day", "Enter their date of birth")
            return data
        try:
            day, month, year = (int(p) for p in parts)
            born = datetime.date(year, month, day)
        except ValueError:
            self.add_error("birth_day", "Date of birth must be a real date, like 12 3 1941")
            return data
        if born > datetime.date.today() or year < 1890:
            self.add_error("birth_day", "Date of birth must be in the past, and after 1890")
            return data
        data["birth_date"] = born
        return data


class NewRelationshipForm(OnceForm):
    kind = forms.ChoiceField(label="Their part in this person's care", error_messages={"required": "Select their part"})
    username = forms.CharField(
        max_length=150,
        required=False,
        label="Username",
        help_text="For a worker, volunteer or proxy: the username they sign in with",
    )
    team = forms.ModelChoiceField(
        Team.objects.select_related("organisation"),
        required=False,
        label="Team",
        empty_label="Select a team",
        help_text="For a team caseload only",
    )

    def __init__(self, *args, kinds, person, **kwargs):
        self.person = person
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Select their part"), *kinds]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if not kind:
            return data
        if kind == RelationshipKind.TEAM_CASELOAD:
            if not data.get("team"):
                self.add_error("team", "Select the team whose caseload this person joins")
            elif self.person.relationships.active().filter(kind=kind, team=data["team"]).exists():
                self.add_error("team", f"{self.person.given_name} is already on this team's caseload")
            return data
        username = data.get("username", "").strip()
        if not username:
            self.add_error("username", "Enter the username of the worker, volunteer or proxy")
            return data
        user = get_user_model().objects.filter(username__iexact=username, is_active=True).first()
        if user is None:
            self.add_error("username", f"There is no user with the username {username}. Check the spelling.")
            return data
        roles = set(user.memberships.active().values_list("role", flat=True))
        if kind == RelationshipKind.VOLUNTEER and Role.VOLUNTEER not in roles:
            self.add_error("username", f"{user.display_name} is not an active volunteer")
        elif kind in {RelationshipKind.NAMED_WORKER, RelationshipKind.CARE_TEAM} and not roles - {Role.VOLUNTEER}:
            self.add_error("username", f"{user.display_name} has no staff role in any team")
        elif kind == RelationshipKind.NAMED_WORKER and self.person.relationships.active().filter(kind=kind).exists():
            self.add_error("kind", "There is already a named worker. End that relationship first")
        elif self.person.relationships.active().filter(kind=kind, user=user).exists():
            self.add_error("username", f"{user.display_name} already has this part in the person's care")
        data["user"] = user
        return data


class EndRelationshipForm(forms.Form):
    reason = forms.CharField(
        max_length=200,
        label="Why is this ending?",
        help_text="For example: discharged from the caseload; volunteer moved away",
        error_messages={"required": "Say why this is ending"},
    )


class SupporterForm(OnceForm):
    name = forms.CharField(max_length=200, label="Name", error_messages={"required": "Enter their name"})
    relationship = forms.CharField(
        max_length=100,
        label="Who they are to the person",
        help_text="For example: daughter, neighbour, paid carer",
        error_messages={"required": "Say who they are to the person, for example daughter"},
    )
    phone = forms.CharField(max_length=30, required=False, label="Phone number (optional)")
    is_carer = forms.BooleanField(required=False, label="They are a carer")

    clean_phone = PersonDetailsForm.clean_phone


class SharedWithVolunteersForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        required=False,
        label="What volunteers may know",
        help_text="In the person's words: what they enjoy talking about, what helps, what to avoid. "
        "Volunteers see this, the person's name, how to reach them and key contacts, and nothing else.",
    )
