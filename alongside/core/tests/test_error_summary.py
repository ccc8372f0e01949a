"""The error summary at the top of a form links each problem to its question, so that a keyboard or screen reader
user lands on it: for radios and checkboxes, on the first item, which carries the field's id (the NHS.UK macros give
the first item the id prefix, as the apps' radios and checkboxes fields pass it)."""

import re

from django import forms
from django.template import engines


class Asked(forms.Form):
    name = forms.CharField(error_messages={"required": "Enter your name"})
    cost = forms.ChoiceField(
        choices=[("free", "Free"), ("paid", "It costs something")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it costs anything"},
    )
    days = forms.MultipleChoiceField(
        choices=[("mo", "Monday"), ("tu", "Tuesday")],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one day"},
    )


def test_every_problem_links_to_an_element_on_the_page():
    form = Asked({})
    assert not form.is_valid()
    template = engines["jinja2"].from_string(
        '{% import "forms.jinja" as f %}'
        '{% from "nhsuk/components/radios/macro.jinja" import radios %}'
        '{% from "nhsuk/components/checkboxes/macro.jinja" import checkboxes %}'
        "{{ f.error_summary(form) }}{{ f.field(form.name) }}"
        '{{ radios({"idPrefix": form.cost.auto_id, "name": "cost", "items": [{"value": "free", "text": "Free"}]}) }}'
        '{{ checkboxes({"idPrefix": form.days.auto_id, "name": "days", "items": [{"value": "mo", "text": "Mon"}]}) }}'
    )
    page = template.render({"form": form})
    links = re.findall(r'<a href="#([^"]*)"', page)
    assert len(links) == 3
    for target in links:
        assert target and f'id="{target}"' in page, target
