"""The forms: writing a story down with its teller's consent, the de-identified version and themes, a learning
session, and a withdrawal code. Nothing is ticked or chosen beforehand."""

from django import forms

from alongside.core.forms import OnceForm, VersionedForm

from . import codes
from .actions import TITLE_LONGEST, WORDS_LONGEST
from .identifiers import Found, blocking, possible_identifiers, warning
from .models import Level, Teller

WHOSE = [("theirs", "Someone told it to me"), ("mine", "It is my own story")]


class StoryForm(OnceForm):
    whose = forms.ChoiceField(
        choices=WHOSE,
        widget=forms.RadioSelect,
        label="Whose story is it?",
        error_messages={"required": "Say whether someone told you this story or it is your own"},
    )
    teller = forms.ChoiceField(
        required=False,  # asked only when someone told it to you; your own story is told by a member of staff
        choices=Teller.choices,
        widget=forms.RadioSelect,
        label="Who told it?",
    )
    words = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=WORDS_LONGEST,
        label="The story, in the teller's own words",
        help_text="Write it as they told it. Names will be taken out later, in a separate version.",
        error_messages={
            "required": "Write the story down",
            "max_length": f"The story must be {WORDS_LONGEST} characters or fewer",
        },
    )
    level = forms.ChoiceField(
        choices=Level.choices,
        widget=forms.RadioSelect,
        label="How may the story be used?",
        error_messages={"required": "Choose how the teller agreed the story may be used"},
    )
    agreed = forms.BooleanField(
        label="The teller agreed that their story is shared in this way",
        error_messages={"required": "Tick to say the teller agreed, or do not write the story down"},
    )

    def clean(self):
        data = super().clean()
        if data.get("whose") == "mine":
            data["teller"] = Teller.STAFF
        elif data.get("whose") == "theirs" and not data.get("teller"):
            self.add_error("teller", "Say who told the story")
        return data


class PrepareForm(VersionedForm):
    title = forms.CharField(
        max_length=TITLE_LONGEST,
        label="A short title",
        help_text="For example: Being listened to at the first visit",
        error_messages={
            "required": "Give the story a short title",
            "max_length": "The title must be 120 characters or fewer",
        },
    )
    deidentified = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=WORDS_LONGEST,
        label="The story without names or details that say who anyone is",
        help_text="Keep the teller's words. Take out or change names, places, dates and numbers.",
        error_messages={
            "required": "Write the de-identified version",
            "max_length": "It must be 10000 characters or fewer",
        },
    )
    checked = forms.BooleanField(
        required=False, label="I have checked these names and dates: they do not say who anyone is"
    )
    themes = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Themes",
        help_text="Tick the themes the story is about.",
        error_messages={"invalid_choice": "Choose only from the team's themes"},
    )
    new_theme = forms.CharField(
        required=False,
        max_length=80,
        label="Add a theme of your own",
        help_text="For example: Being listened to. You can leave this empty if you ticked a theme.",
        error_messages={"max_length": "A theme must be 80 characters or fewer"},
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = [(str(t.pk), t.name) for t in themes]
        self.found: list[Found] = []
        if not self.is_bound:  # the text is known when the page opens: warn at once
            self.found = possible_identifiers(
                str(self.initial.get("title") or "") + "\n" + str(self.initial.get("deidentified") or "")
            )

    @property
    def blocking(self) -> list[Found]:
        """Phone numbers, NHS numbers, postcodes and email addresses: they must be taken out."""
        return blocking(self.found)

    @property
    def warnings(self) -> list[Found]:
        """Names and dates: a person may tick to say they are safe."""
        return warning(self.found)

    def clean(self):
        data = super().clean()
        self.found = possible_identifiers(data.get("title", "") + "\n" + data.get("deidentified", ""))
        if self.blocking:
            listed = "; ".join(f'{f.described} ("{f.text}")' for f in self.blocking)
            self.add_error(
                "deidentified",
                f"Take out {listed}. These always say who someone is, so the story cannot be saved with them",
            )
        if self.warnings and not data.get("checked"):
            self.add_error(
                "checked", "Check the names and dates listed above. Change them, or tick to say they are safe"
            )
        if "themes" in data and not data["themes"] and not (data.get("new_theme") or "").strip():
            if self.fields["themes"].choices:
                self.add_error("themes", "Tick at least one theme, or add one of your own")
            else:
                self.add_error("new_theme", "Add a theme: say in a few words what the story is about")
        return data


class CheckForm(VersionedForm):
    safe = forms.BooleanField(
        label="I have read it: it does not say who anyone is, and it may be shared as the teller agreed",
        error_messages={"required": "Tick to say you have read it and it does not say who anyone is"},
    )


class SessionForm(OnceForm):
    title = forms.CharField(
        max_length=120,
        label="What is the session called?",
        error_messages={
            "required": "Give the session a name",
            "max_length": "The name must be 120 characters or fewer",
        },
    )
    on = forms.DateField(
        label="Date",
        help_text="For example, 27 3 2027 or 27/03/2027",
        input_formats=["%d %m %Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"],
        error_messages={"required": "Enter the date of the session", "invalid": "Enter a real date, like 27/03/2027"},
    )
    stories = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label="Stories to share",
        error_messages={
            "required": "Choose at least one story",
            "invalid_choice": "Choose only from the stories listed",
        },
    )

    def __init__(self, *args, stories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stories"].choices = [(str(s.pk), s.title) for s in stories]


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=40,
        label="Your withdrawal code",
        help_text="You were given it when your story was written down. For example, ABCD-EFGH-JKLM-NPQR",
        error_messages={
            "required": "Enter your withdrawal code",
            "max_length": "A withdrawal code is 16 letters and numbers",
        },
    )

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not codes.looks_right(code):
            raise forms.ValidationError("A withdrawal code is 16 letters and numbers, like ABCD-EFGH-JKLM-NPQR")
        return code
