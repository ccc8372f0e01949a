"""The review form: seven observations in plain words, each optional (a missing one makes the score incomplete,
never normal), each refused with a specific message when it is not a number or outside what a reading can be."""

import re
from decimal import Decimal, InvalidOperation

from django import forms

from alongside.core.forms import OnceForm
from alongside.core.numbers import ascii_digits, whole_number

from . import news2
from .words_reviews import CONSCIOUSNESS, READINGS

TENTHS = re.compile(r"[0-9]{1,2}(\.[0-9])?")
NOT_A_NUMBER = {
    "respiration_rate": "Enter the breathing rate as a whole number of breaths a minute, like 16",
    "spo2": "Enter the oxygen saturation as a whole number, like 96",
    "systolic_bp": "Enter the systolic blood pressure as a whole number, like 120",
    "pulse": "Enter the pulse as a whole number of beats a minute, like 72",
    "temperature": "Enter the temperature in °C with at most one decimal place, like 37.2",
}


def _number_field(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class ReviewForm(OnceForm):
    respiration_rate = _number_field("Breathing rate (breaths a minute)", "Count for a full minute")
    spo2 = _number_field("Oxygen saturation (%)", "From the pulse oximeter")
    spo2_scale_2 = forms.BooleanField(
        required=False,
        label="Their oxygen target is 88 to 92% (scale 2, set by a clinician)",
    )
    on_oxygen = forms.ChoiceField(
        label="Are they breathing air or extra oxygen?",
        required=False,
        choices=[("air", "Air"), ("oxygen", "Extra oxygen")],
        widget=forms.RadioSelect,
    )
    systolic_bp = _number_field("Systolic blood pressure (mmHg)", "The top number")
    pulse = _number_field("Pulse (beats a minute)", "")
    consciousness = forms.ChoiceField(
        label="How alert are they? (ACVPU)",
        required=False,
        choices=[(level.value, words) for level, words in CONSCIOUSNESS.items()],
        widget=forms.RadioSelect,
    )
    temperature = _number_field("Temperature (°C)", "To one decimal place, like 37.2")
    note = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea, max_length=5000)

    def _whole(self, name: str) -> int | None:
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return None
        value = whole_number(text)
        if value is None:
            raise forms.ValidationError(NOT_A_NUMBER[name], code="not_a_number")
        if news2.out_of_range(name, value):
            raise forms.ValidationError(READINGS[name].refused, code="out_of_range")
        return value

    def clean_respiration_rate(self):
        return self._whole("respiration_rate")

    def clean_spo2(self):
        return self._whole("spo2")

    def clean_systolic_bp(self):
        return self._whole("systolic_bp")

    def clean_pulse(self):
        return self._whole("pulse")

    def clean_temperature(self):
        text = ascii_digits((self.cleaned_data.get("temperature") or "").strip())
        if not text:
            return None
        try:
            if not TENTHS.fullmatch(text):
                raise InvalidOperation
            value = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(NOT_A_NUMBER["temperature"], code="not_a_number") from None
        if news2.out_of_range("temperature", value):
            raise forms.ValidationError(READINGS["temperature"].refused, code="out_of_range")
        return value

    def observations(self) -> news2.Observations:
        """What was taken, for scoring (the form must be valid)."""
        data = self.cleaned_data
        oxygen = data.get("on_oxygen")
        return news2.Observations(
            respiration_rate=data["respiration_rate"],
            spo2=data["spo2"],
            spo2_scale=2 if data.get("spo2_scale_2") else 1,
            on_oxygen=None if not oxygen else oxygen == "oxygen",
            systolic_bp=data["systolic_bp"],
            pulse=data["pulse"],
            consciousness=news2.Consciousness(data["consciousness"]) if data.get("consciousness") else None,
            temperature=data["temperature"],
        )


class EscalationForm(forms.Form):
    escalation = forms.CharField(
        label="What did you do?",
        help_text="Who you called, when, and what they said. For example: rang the ward doctor at 14:10, "
        "who is coming to see them within the hour.",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Say what you did about this score: who you called and what they said"},
    )
