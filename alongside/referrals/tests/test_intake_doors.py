"""The three front doors of a referral (the staff form, the public form and the API) accept and refuse the same
typed values, field by field, because they check them with the same rules (`intake_checks`).

Each door starts from a complete referral it accepts; one field is changed to what hypothesis types, and the
doors must agree whether that field is wrong, and say so in the same words where their words are one. (What must
be given differs on purpose: a staff draft may be half done. Blank values are left to `intake`'s own tests.)
"""

from datetime import date, timedelta

from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.referrals import intake_checks
from alongside.referrals.api_body import check
from alongside.referrals.forms import ReferralForm
from alongside.referrals.models import Referral
from alongside.referrals.public_forms import AboutForm as PublicReferralForm

STAFF = {
    "source": "gp",
    "given_name": "Ada",
    "family_name": "Okafor",
    "birth_date_day": "12",
    "birth_date_month": "3",
    "birth_date_year": "1941",
    "postcode": "nv1 2ab",
    "urgency": "soon",
    "reason": "Two falls at home since discharge; lives alone",
    "person_agrees": "yes",
}
PUBLIC = STAFF | {
    "source": "family_carer",
    "referrer_name": "Grace Okafor",
    "referrer_relationship": "Daughter",
    "share_named_worker": "yes",
    "referrer_email": "grace@example.com",
}
API = {
    "person": {"given_name": "Ada", "family_name": "Okafor", "birth_date": "1941-03-12", "postcode": "nv1 2ab"},
    "source": "hospital_discharge",
    "urgency": "soon",
    "reason": "Two falls at home since discharge; lives alone",
    "person_agrees": True,
    "referrer": {"name": "Sam Reed", "contact": "sam.reed@example.nhs.uk"},
}


def doors(field: str, typed, form_data=None) -> dict[str, list[str]]:
    """What each door says is wrong with `field` when it holds `typed` (no messages: accepted)."""
    form_data = form_data or {field: typed}
    staff = ReferralForm(STAFF | form_data)
    public = PublicReferralForm(PUBLIC | form_data)
    _, problems = check(API | {"person": API["person"] | {field: typed}})
    return {
        "staff": [] if staff.is_valid() else staff.errors.get(field, []),
        "public": [] if public.is_valid() else public.errors.get(field, []),
        "api": [p["message"] for p in problems if p["field"] == f"person.{field}"],
    }


def agree(said: dict[str, list[str]]) -> bool:
    return len({bool(messages) for messages in said.values()}) == 1


def test_the_doors_start_from_referrals_they_accept():
    assert doors("given_name", "Ada") == {"staff": [], "public": [], "api": []}
    assert Referral._meta.get_field("phone").max_length == intake_checks.PHONE_KEPT


typed_digits = st.text(alphabet="0123456789 -", min_size=1, max_size=20).filter(str.strip)
nhs_numbers = st.integers(0, 9_999_999_999).map(lambda n: f"{n:010d}") | typed_digits


@settings(max_examples=60, deadline=None)
@given(nhs_numbers)
def test_an_nhs_number_is_accepted_by_all_three_doors_or_by_none(typed):
    said = doors("nhs_number", typed)
    assert agree(said), said
    assert said["staff"] == said["public"] == said["api"]


postcodes = st.from_regex(r"[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}", fullmatch=True) | st.text(
    alphabet="ABNV0123456789 ", min_size=1, max_size=10
).filter(str.strip)


@settings(max_examples=60, deadline=None)
@given(postcodes)
def test_a_postcode_is_accepted_by_all_three_doors_or_by_none(typed):
    said = doors("postcode", typed)
    assert agree(said), said
    assert said["staff"] == said["public"] == said["api"]


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)))
def test_a_date_of_birth_is_accepted_by_all_three_doors_or_by_none(born):
    parts = {"birth_date_day": str(born.day), "birth_date_month": str(born.month), "birth_date_year": str(born.year)}
    said = doors("birth_date", born.isoformat(), form_data=parts)
    assert agree(said), said
    assert bool(said["api"]) == (born > timezone.localdate() or born.year < 1890)
    if said["api"]:
        assert said["staff"] == said["public"] == said["api"] == [intake_checks.BIRTH_DATE_RANGE]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 300))
def test_a_name_of_any_length_is_accepted_by_all_three_doors_or_by_none(length):
    said = doors("given_name", "A" * length)
    assert agree(said), said
    assert bool(said["api"]) == (length > intake_checks.LENGTHS["given_name"])


def test_tomorrow_is_not_a_date_of_birth_at_any_door():
    tomorrow = timezone.localdate() + timedelta(days=1)
    parts = {
        "birth_date_day": str(tomorrow.day),
        "birth_date_month": str(tomorrow.month),
        "birth_date_year": str(tomorrow.year),
    }
    said = doors("birth_date", tomorrow.isoformat(), form_data=parts)
    assert said == {door: [intake_checks.BIRTH_DATE_RANGE] for door in ("staff", "public", "api")}
