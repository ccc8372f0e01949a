"""The public form's pages without the database: whatever is typed gives a clear answer, and whatever path is taken
through the pages, the referral has what triage needs and tells whoever asked in the way they chose."""

import nhs_number
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.referrals import intake
from alongside.referrals import public_journey as journeys
from alongside.referrals.intake_checks import NOT_A_MOBILE
from alongside.referrals.public_forms import AboutForm, ContactForm

from .public_steps import for_someone_else, for_themselves


def test_the_pages_follow_who_needs_help():
    me, them = for_themselves(), for_someone_else()
    assert [p.name for p in journeys.pages_for(me)] == ["who", "about", "happening", "how_soon", "tell", "contact"]
    assert [p.name for p in journeys.pages_for(them)] == [
        "who", "your_details", "about", "their_contact", "happening", "how_soon", "agreement", "tell", "contact"
    ]  # fmt: skip
    assert [p.name for p in journeys.pages_for({})] == [p.name for p in journeys.PAGES if p.only is None]
    assert journeys.first_gap(me) is None and journeys.first_gap(them) is None
    assert journeys.first_gap({"who": {"source": "self"}}).name == "about"


def test_each_heading_speaks_to_whoever_is_filling_it_in():
    about = journeys.BY_NAME["about"]
    assert (about.heading(True), about.heading(False)) == ("About you", "About the person who needs help")


def test_answers_left_too_long_are_not_current():
    journey = journeys.new_journey(now=1000.0)
    assert journeys.is_current(journey, 1000.0 + journeys.IDLE_MINUTES * 60)
    assert not journeys.is_current(journey, 1000.0 + journeys.IDLE_MINUTES * 60 + 1)
    assert not journeys.is_current({"pages": "mangled", "touched": 1000.0}, 1000.0)
    assert not journeys.is_current(None, 1000.0)


ways = st.sampled_from(["email", "text"])
phones = st.sampled_from(["", "07700 900123", "07700900456"])
emails = st.sampled_from(["", "ada@example.com"])


@settings(max_examples=80, deadline=None)
@given(st.booleans(), ways, phones, emails, st.sampled_from(["yes", "no"]), st.sampled_from(["yes", "no"]))
def test_any_path_gives_a_referral_with_what_triage_needs_told_the_way_chosen(me, how, phone, email, agrees, told):
    contact = {"phone": phone, "email": email}
    if how == "text":
        contact["phone"] = phone or "07700 900789"
    else:
        contact["email"] = email or "grace@example.com"
    answers = (for_themselves if me else for_someone_else)(
        tell={"how": how}, contact=contact, agreement={"person_agrees": agrees, "share_named_worker": told}
    )
    assert journeys.first_gap(answers) is None
    fields = journeys.fields_for_referral(answers)
    assert intake.missing(fields, from_outside=True) == {}
    # actions._contact tells by email when the referral keeps an email address for whoever asked, else by text.
    told_by = "email" if fields["referrer_email"] else "text" if fields["referrer_phone"] else None
    assert told_by == how
    if me:
        assert fields["person_agrees"] is True
        assert fields["email"] == contact["email"]  # nothing typed is lost
        assert fields["phone"].replace(" ", "") == contact["phone"].replace(" ", "")
    else:
        assert fields["person_agrees"] is (agrees == "yes") and fields["share_named_worker"] is (told == "yes")
        assert fields["referrer_name"] == "Grace Okafor"
    assert sum(len(rows) for _, rows in journeys.summary(answers)) >= 9


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(journeys.PAGES), st.booleans(), st.dictionaries(st.text(max_size=20), st.text(max_size=40)))
def test_any_typing_on_any_page_gives_a_clear_answer_never_a_crash(page, me, typed):
    answers = for_themselves() if me else for_someone_else()
    names = list(journeys.form_for(page, answers).fields) + ["birth_date_day", "birth_date_month", "birth_date_year"]
    data = {name: typed.get(name, value) for name, value in zip(names, typed.values(), strict=False)}
    form = journeys.form_for(page, answers, data)
    if not form.is_valid():
        assert all(isinstance(m, str) and m for messages in form.errors.values() for m in messages)
    assert set(form.raw()) <= set(data)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999))
def test_any_nhs_number_is_accepted_exactly_when_its_check_digit_is_right(n):
    digits = f"{n:09d}"
    for last in "0123456789":
        number = digits + last
        form = AboutForm(for_themselves()["about"] | {"nhs_number": f"{number[:3]} {number[3:6]} {number[6:]}"})
        assert form.is_valid() == nhs_number.is_valid(number), form.errors
        if form.is_valid():
            assert form.cleaned_data["nhs_number"] == number


@settings(max_examples=60, deadline=None)
@given(st.from_regex(r"07[0-9]{3} ?[0-9]{6}", fullmatch=True))
def test_any_uk_mobile_number_can_take_the_text(number):
    form = ContactForm({"phone": number}, for_self=True, how="text")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"].replace(" ", "") == number.replace(" ", "")


@pytest.mark.parametrize("landline", ["01632 960123", "020 7946 0000"])
def test_a_landline_cannot_take_a_text_message(landline):
    form = ContactForm({"phone": landline}, for_self=True, how="text")
    assert form.errors["phone"] == [NOT_A_MOBILE]
    assert ContactForm({"phone": landline, "email": "a@example.com"}, for_self=True, how="email").is_valid()
