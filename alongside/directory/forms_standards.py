"""The standards part's form: the address of the feed an administrator imports from."""

from django import forms


class FeedForm(forms.Form):
    url = forms.URLField(
        max_length=500,
        label="Address of the feed",
        help_text="The address of another directory's services, for example https://example.org/api/hsds/services",
        error_messages={
            "required": "Enter the address of the feed",
            "invalid": "Enter a web address starting https://, like https://example.org/api/hsds/services",
            "max_length": "The address must be 500 characters or fewer",
        },
        assume_scheme="https",
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.startswith(("http://", "https://")):
            raise forms.ValidationError(self.fields["url"].error_messages["invalid"])
        return url
