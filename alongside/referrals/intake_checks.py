"""The formats a referral's fields must have, checked alike by its three front doors: the staff form
(`forms.ReferralForm`), the public form (`public.PublicReferralForm`) and the API's body (`api_body`).

What must be given before a referral is sent is `intake`'s part; this module says how long each field may be and
what a typed NHS number, phone number, postcode, email address or date of birth must look like, with the words
that say how to put it right. Each check takes what was typed and gives the value to keep, or raises Django's
`ValidationError` with the message to show. No database.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from localflavor.gb.forms import GBPostcodeField

from alongside.core.validators import clean_nhs_number, clean_uk_phone

# The most characters each field may hold, as typed.
LENGTHS = {
    "given_name": 100,
    "family_name": 100,
    "nhs_number": 20,
    "address_line": 200,
    "postcode": 10,  # the API's limit; the forms' postcode field checks the shape, which is shorter
    "phone": 30,
    "email": 254,
    "reason": 5000,
    "situation": 5000,
    "referrer_name": 200,
    "referrer_relationship": 100,
    "referrer_organisation": 200,
    "referrer_email": 254,
    "referrer_phone": 30,
}
PHONE_KEPT = 20  # what the referral keeps of a phone number in its usual form (Referral.phone's max_length)
EARLIEST_BIRTH_YEAR = 1890

POSTCODE_NOT_REAL = "Enter a real postcode, like NV1 2AB"
BIRTH_DATE_RANGE = "Date of birth must be in the past, and after 1890"
PHONE_WITH_EXTENSION = "Enter a phone number without an extension, like 07700 900123"
# An email address that is not one. The three front doors have said it in three ways; the words stay as they are
# until they are made one on purpose (users see them, and tests assert them).
NOT_AN_EMAIL_STAFF = "Enter an email address like name@example.com"
NOT_AN_EMAIL_PUBLIC = "Enter an email address in the correct format, like name@example.com"
NOT_AN_EMAIL_API = "Enter a real email address, like name@example.com"
NOT_A_MOBILE = "Enter a UK mobile phone number, like 07700 900123, so that we can send you a text message"

nhs_number = clean_nhs_number  # ten digits passing the check digit, spaces removed; "" when none typed
uk_phone = clean_uk_phone  # a UK phone number in its usual written form; "" when none typed


def postcode(raw: str) -> str:
    """A real UK postcode, upper case with its space; "" when none typed."""
    return GBPostcodeField(required=False, error_messages={"invalid": POSTCODE_NOT_REAL}).clean(raw)


def birth_date(born: date | None, today: date) -> date | None:
    """A date of birth in the past, in 1890 or after."""
    if born and (born > today or born.year < EARLIEST_BIRTH_YEAR):
        raise ValidationError(BIRTH_DATE_RANGE)
    return born


def phone_to_keep(raw: str) -> str:
    """A UK phone number short enough for the referral to keep (no extension)."""
    number = uk_phone(raw)
    if len(number) > PHONE_KEPT:  # an extension, say: more than the referral can hold
        raise ValidationError(PHONE_WITH_EXTENSION)
    return number


def mobile(raw: str) -> str:
    """A UK mobile number, for a text message; "" when none typed."""
    number = phone_to_keep(raw)
    if number and not "".join(number.split()).startswith("07"):
        raise ValidationError(NOT_A_MOBILE)
    return number


def email(raw: str, message: str) -> str:
    """An email address, spaces trimmed; "" when none typed. `message` says what to do about one that is not."""
    address = (raw or "").strip()
    if address:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(message) from None
    return address
