"""What a referral must say before it can be sent, and how to say what is missing. Pure: no database.

A draft may be incomplete; sending it needs everything here. The same rules serve the staff form, the public
form and the API, so that a referral never reaches the queue without what triage needs.
"""

from collections.abc import Mapping

# The fields a referrer fills in, in the order the forms show them.
PERSON_FIELDS = ["nhs_number", "given_name", "family_name", "birth_date", "address_line", "postcode", "phone", "email"]
STORY_FIELDS = ["reason", "situation", "urgency", "person_agrees"]
REFERRER_FIELDS = [
    "referrer_name",
    "referrer_organisation",
    "referrer_relationship",
    "referrer_email",
    "referrer_phone",
    "share_named_worker",
]
INTAKE_FIELDS = ["source", *PERSON_FIELDS, *STORY_FIELDS, *REFERRER_FIELDS]

NEEDED_TO_SEND = {
    "source": "Select who the referral is from",
    "given_name": "Enter the person's first name",
    "family_name": "Enter the person's last name",
    "birth_date": "Enter the person's date of birth",
    "postcode": "Enter the person's postcode",
    "reason": "Enter why you are making this referral",
    "urgency": "Select how soon help is needed",
}
CONTACT_NEEDED = "Enter an email address or a mobile phone number, so that we can tell you what we decide"
REFERRER_NAME_NEEDED = "Enter your name"


def missing(fields: Mapping[str, object], from_outside: bool = False) -> dict[str, str]:
    """Field name → what to do, for everything a referral needs before it can be sent.

    `from_outside` is a referral from the public form or another system: its referrer must leave a way to be
    told the outcome (staff referrers are told inside the service).
    """
    gaps = {name: message for name, message in NEEDED_TO_SEND.items() if not _given(fields.get(name))}
    if from_outside:
        if fields.get("source") != "self" and not _given(fields.get("referrer_name")):
            gaps["referrer_name"] = REFERRER_NAME_NEEDED
        if not (_given(fields.get("referrer_email")) or _given(fields.get("referrer_phone"))):
            gaps["referrer_email"] = CONTACT_NEEDED
    return gaps


def _given(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def neighbourhood_for(postcode: str, districts: dict[int, str]) -> int | None:
    """The neighbourhood whose postcode districts (space-separated, e.g. "NV1 NV2") include this postcode's."""
    key = "".join(postcode.upper().split())
    outward = key[:-3] if len(key) >= 5 else ""
    if not outward:
        return None
    for neighbourhood_id, covered in sorted(districts.items()):
        if outward in covered.upper().split():
            return neighbourhood_id
    return None
