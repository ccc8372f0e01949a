"""Checks for the identifiers people type, each with a message that says how to put it right."""

import re

import nhs_number
import phonenumbers
from django import forms

from alongside.core.numbers import ascii_digits, whole_number


def clean_nhs_number(raw: str) -> str:
    """Ten digits 0 to 9 that pass the NHS number check, spaces removed; "" when nothing was typed. Digits typed on
    another keyboard (Arabic-Indic, Persian, full-width...) are read as the digits they are, and kept as 0 to 9."""
    digits = ascii_digits("".join((raw or "").split()))
    if not digits:
        return ""
    if len(digits) != 10 or whole_number(digits) is None:
        raise forms.ValidationError("An NHS number is 10 digits, like 999 123 4519")
    if not nhs_number.is_valid(digits):
        raise forms.ValidationError("This is not a valid NHS number. Check each digit")
    return digits


NOT_A_PHONE = "Enter a UK phone number, like 07700 900123 or 01632 960123"
# An extension at the end, which phonenumbers keeps: "ext 12", "extension 12", "x12", "#12".
EXTENSION = re.compile(r"(?i)\s*(?:ext(?:ension)?\.?|x|#)\s*\d+\s*$")


def clean_uk_phone(raw: str) -> str:
    """A UK phone number in its usual written form; "" when nothing was typed."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    if any(character.isalpha() for character in EXTENSION.sub("", raw)):
        # phonenumbers reads letters as a keypad's digits ("0800 FLOWERS"): a mistyped O for 0 would become a
        # different, wrong number on someone's record
        raise forms.ValidationError(NOT_A_PHONE)
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise forms.ValidationError(NOT_A_PHONE)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def is_mobile(written: str) -> bool:
    """Whether a UK phone number as written is a mobile, which can take a text message: 07, but not 070 (personal
    numbers) or 076 (pagers). By its prefix, as Ofcom allocates them, so Ofcom's drama range 07700 900xxx counts."""
    try:
        number = phonenumbers.parse((written or "").strip(), "GB")
    except phonenumbers.NumberParseException:
        return False
    national = str(number.national_number)
    return number.country_code == 44 and national.startswith("7") and not national.startswith(("70", "76"))


def tel_uri(written: str) -> str | None:
    """The `tel:` address of a phone number as people write it, so that a phone can call it with one tap
    (RFC 3966, in international form); None when it is not a number a phone could call."""
    try:
        number = phonenumbers.parse((written or "").strip(), "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966)
