from django import forms
from django.contrib.auth import get_user_model

from alongside.core.forms import OnceForm, VersionedForm
from alongside.core.validators import clean_uk_phone

from .models import Neighbourhood, Organisation, Role, Team


def _choices(model_choices, blank: str):
    return [("", blank), *model_choices]


class OrganisationFields(forms.Form):
    name = forms.CharField(max_length=200, label="Name", error_messages={"required": "Enter the organisation's name"})
    kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=_choices(Organisation.Kind.choices, "Select the kind of organisation"),
        error_messages={"required": "Select the kind of organisation"},
    )
    ods_code = forms.CharField(
        max_length=10,
        required=False,
        label="ODS code (optional)",
        help_text="The Organisation Data Service code, for example RBT or Y01234",
    )
    neighbourhood = forms.ModelChoiceField(
        Neighbourhood.objects.all(),
        required=False,
        label="Neighbourhood (optional)",
        empty_label="Not in one neighbourhood",
        help_text="For GP practices: the neighbourhood the practice belongs to",
    )

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = Organisation.objects.filter(name__iexact=name)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(f"There is already an organisation called {name}. Use a different name.")
        return name

    def clean_ods_code(self):
        code = self.cleaned_data["ods_code"].strip().upper()
        if code and not code.isalnum():
            raise forms.ValidationError("An ODS code has only letters and numbers, like RBT or Y01234")
        return code


class NewOrganisationForm(OrganisationFields, OnceForm):
    pass


class EditOrganisationForm(OrganisationFields, VersionedForm):
    pass


class TeamFields(forms.Form):
    organisation = forms.ModelChoiceField(
        Organisation.objects.all(),
        label="Organisation",
        empty_label="Select the organisation",
        error_messages={"required": "Select the organisation the team belongs to"},
    )
    name = forms.CharField(max_length=200, label="Team name", error_messages={"required": "Enter the team's name"})
    kind = forms.ChoiceField(
        label="Kind of team",
        choices=_choices(Team.Kind.choices, "Select the kind of team"),
        error_messages={"required": "Select the kind of team"},
    )
    neighbourhood = forms.ModelChoiceField(
        Neighbourhood.objects.all(),
        required=False,
        label="Neighbourhood (optional)",
        empty_label="Works across the borough",
    )
    phone = forms.CharField(
        max_length=30,
        required=False,
        label="Phone number (optional)",
        help_text="Where the people the team supports can reach their named worker. It shows on their home page.",
    )

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)

    def clean_phone(self):
        return clean_uk_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        data = super().clean()
        name, organisation = data.get("name"), data.get("organisation")
        if name and organisation:
            name = " ".join(name.split())
            data["name"] = name
            others = Team.objects.filter(organisation=organisation, name__iexact=name)
            if self.instance is not None:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("name", f"{organisation.name} already has a team called {name}. Use a different name.")
        return data


class NewTeamForm(TeamFields, OnceForm):
    pass


class EditTeamForm(TeamFields, VersionedForm):
    pass


class FindMemberForm(forms.Form):
    """The first step of adding someone to a team: find them by name."""

    q = forms.CharField(
        max_length=150,
        label="Who do you want to add?",
        help_text="Type their name, or part of it. Their username works too.",
        error_messages={"required": "Enter their name to find them"},
    )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].replace("\x00", "").split())


class NewMembershipForm(OnceForm):
    """Choose one of the people found, and their role in the team."""

    user = forms.TypedChoiceField(
        coerce=int,
        label="Choose who to add",
        error_messages={
            "required": "Select the person to add",
            "invalid_choice": "Select one of the people found, or search again",
        },
    )
    role = forms.ChoiceField(
        label="Role in this team",
        choices=_choices(Role.choices, "Select a role"),
        error_messages={
            "required": "Select the role they will have in this team",
            "invalid_choice": "Select one of the roles in the list",
        },
    )

    def __init__(self, *args, team: Team, may_make_admins: bool, candidates: list, **kwargs):
        self.team = team
        self.candidates = {user.pk: user for user in candidates}
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [(user.pk, user.display_name) for user in candidates]
        if not may_make_admins:
            self.fields["role"].choices = [c for c in self.fields["role"].choices if c[0] != Role.ADMIN]

    def clean_user(self):
        return self.candidates[self.cleaned_data["user"]]

    def clean(self):
        data = super().clean()
        user, role = data.get("user"), data.get("role")
        if user and role and self.team.memberships.active().filter(user=user, role=role).exists():
            self.add_error("role", f"{user.display_name} already has this role in {self.team.name}")
        return data


class EndMembershipForm(forms.Form):
    reason = forms.CharField(
        max_length=200,
        label="Why is this membership ending?",
        help_text="For example, moved to another team, left the organisation",
        error_messages={"required": "Enter why this membership is ending"},
    )
    leave_without = forms.BooleanField(required=False)

    def __init__(self, *args, people_left: int = 0, **kwargs):
        self.people_left = people_left
        super().__init__(*args, **kwargs)
        if people_left:
            self.fields["leave_without"].label = (
                f"End it anyway: {'this person' if people_left == 1 else f'these {people_left} people'} "
                "will have no named worker until one is chosen"
            )
        else:
            del self.fields["leave_without"]

    def clean(self):
        data = super().clean()
        if self.people_left and not data.get("leave_without"):
            self.add_error(
                "leave_without",
                "Choose a new named worker for each person first, or confirm that they will have none for now",
            )
        return data


class NewUserAccountForm(OnceForm):
    first_name = forms.CharField(
        max_length=150, label="First name", error_messages={"required": "Enter their first name"}
    )
    last_name = forms.CharField(max_length=150, label="Last name", error_messages={"required": "Enter their last name"})
    username = forms.RegexField(
        regex=r"^[a-z0-9._-]{3,150}$",
        max_length=150,
        label="Username",
        help_text="What they will sign in with: 3 or more lower-case letters, numbers, dots, dashes or underscores, "
        "for example asha.patel",
        error_messages={
            "required": "Enter a username",
            "invalid": "A username has only lower-case letters, numbers, dots, dashes and underscores, "
            "and at least 3 of them",
        },
    )
    email = forms.EmailField(
        required=False,
        label="Work email address (optional)",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.nhs.uk"},
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(f"The username {username} is already taken. Choose another.")
        return username
