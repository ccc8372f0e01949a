"""The public referral form at /refer/: no account, one referral per form, no spam, and never a hint of a match."""

import re
import threading
import time
import uuid

import nhs_number
import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.core.models import AuditEvent, Message
from alongside.people.tests.factories import PersonFactory
from alongside.referrals import actions, public
from alongside.referrals.intake import CONTACT_NEEDED, REFERRER_NAME_NEEDED
from alongside.referrals.intake_checks import NOT_A_MOBILE
from alongside.referrals.lifecycle import Status
from alongside.referrals.models import Channel, Referral, Source
from alongside.referrals.public import PublicReferralForm

START, SENT = "/refer/", "/refer/sent/"
KNOWN_NHS_NUMBER = "9991234519"  # valid, in the synthetic 999 range
OTHER_NHS_NUMBER = "9990000018"


def answers(**changes) -> dict:
    """A complete self-referral, as the browser posts it."""
    data = {
        "form_key": str(uuid.uuid4()),
        "source": "self",
        "given_name": "Ada",
        "family_name": "Okafor",
        "birth_date_day": "12",
        "birth_date_month": "3",
        "birth_date_year": "1941",
        "postcode": "nv1 2ab",
        "address_line": "4 Mill Lane",
        "nhs_number": "",
        "reason": "Since my fall I cannot get to the shops and I am on my own most days.",
        "situation": "I used to sing in the church choir and I miss it.",
        "urgency": "soon",
        "referrer_email": "ada@example.com",
        "referrer_phone": "",
        "website": "",
    }
    return data | changes


def family(**changes) -> dict:
    return answers(
        **{
            "source": "family_carer",
            "referrer_name": "Grace Okafor",
            "referrer_relationship": "Daughter",
            "person_agrees": "yes",
            "share_named_worker": "yes",
            "phone": "01632 960123",
            "referrer_email": "grace@example.com",
        }
        | changes
    )


def errors(response) -> list[str]:
    """The messages in the error summary, in order."""
    summary = response.content.decode().split('class="nhsuk-error-summary"', 1)
    assert len(summary) == 2, "no error summary on the page"
    body = summary[1].split("</ul>", 1)[0]
    return [" ".join(text.split()) for text in re.findall(r"<a href=\"#[^\"]+\"[^>]*>(.*?)</a>", body, re.S)]


@pytest.fixture
def send(client, db):
    def post(data, **kwargs):
        return client.post(START, data, REMOTE_ADDR=kwargs.pop("ip", "203.0.113.9"), **kwargs)

    return post


def test_the_form_needs_no_account_and_is_not_kept_by_the_browser(client, db):
    response = client.get(START)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ask for support for yourself or someone you care for" in page
    assert 'name="form_key"' in page and "csrfmiddlewaretoken" in page
    assert "no-store" in response["Cache-Control"]
    assert "In an emergency, call 999" in page and "call 111" in page


def test_a_complete_self_referral_makes_one_received_referral(client, send):
    response = send(answers())
    assert response.status_code == 302 and response["Location"] == SENT
    referral = Referral.objects.get()
    assert (referral.status, referral.channel, referral.source) == (Status.RECEIVED, Channel.PUBLIC, Source.SELF)
    assert (referral.given_name, referral.family_name, str(referral.birth_date)) == ("Ada", "Okafor", "1941-03-12")
    assert referral.postcode == "NV1 2AB"
    assert referral.urgency == "soon"
    assert referral.person_agrees is True and referral.share_named_worker is True
    assert referral.referrer_user is None and referral.referrer_name == ""
    assert referral.email == referral.referrer_email == "ada@example.com"  # their own contact, asked once
    assert AuditEvent.objects.filter(action="referral_received", object_id=str(referral.pk)).exists()

    page = client.get(SENT)
    assert page.status_code == 200
    assert f"R{referral.pk:06d}" in page.content.decode()
    assert "2 days" in page.content.decode()  # the target for "soon", in plain words


def test_a_family_referral_keeps_who_referred_and_what_the_person_agreed(send):
    send(family(share_named_worker="no", email="ada@example.com"))
    referral = Referral.objects.get()
    assert referral.source == Source.FAMILY_CARER
    assert (referral.referrer_name, referral.referrer_relationship) == ("Grace Okafor", "Daughter")
    assert referral.referrer_email == "grace@example.com"
    assert referral.person_agrees is True and referral.share_named_worker is False
    assert (referral.phone, referral.email) == ("01632 960123", "ada@example.com")


def test_answers_for_someone_else_are_ignored_for_a_self_referral(send):
    send(answers(referrer_name="Someone", person_agrees="no", share_named_worker="no", phone="not a number"))
    referral = Referral.objects.get()
    assert referral.referrer_name == "" and referral.person_agrees is True and referral.share_named_worker is True


def test_an_empty_form_says_what_is_missing(send):
    response = send({"form_key": str(uuid.uuid4())})
    assert response.status_code == 200
    assert errors(response) == [
        "Select who the referral is for",
        "Enter their first name",
        "Enter their last name",
        "Enter their date of birth",
        "Enter their postcode",
        "Tell us what is happening and why you would like help",
        "Select how soon help is needed",
        CONTACT_NEEDED,
    ]
    assert "<title>Error: " in response.content.decode()
    assert not Referral.objects.exists()


def test_someone_referring_themselves_is_spoken_to_as_you(send):
    response = send(answers(given_name="", birth_date_day="", birth_date_month="", birth_date_year=""))
    assert errors(response) == ["Enter your first name", "Enter your date of birth"]


def test_a_family_referral_needs_who_they_are_and_what_the_person_agreed(send):
    response = send(family(referrer_name="", referrer_relationship="", person_agrees="", share_named_worker=""))
    assert errors(response) == [
        REFERRER_NAME_NEEDED,
        "Enter who you are to them, for example daughter, neighbour or friend",
        "Select whether they know about this referral and agree to it",
        "Select whether they agree that we can tell you who their named worker is",
    ]
    assert not Referral.objects.exists()


def test_mistakes_are_named_and_what_was_typed_is_kept(send):
    response = send(
        family(
            birth_date_day="31",
            birth_date_month="2",
            postcode="not a postcode",
            nhs_number="999 123 4510",
            phone="12",
            referrer_email="grace@",
            referrer_phone="01632 960123",
        )
    )
    assert errors(response) == [
        "Date of birth must be a real date, for example 15 3 1941",
        "Enter a real postcode, like NV1 2AB",
        "This is not a valid NHS number. Check each digit",
        "Enter a UK phone number, like 07700 900123 or 01632 960123",
        "Enter an email address in the correct format, like name@example.com",
        NOT_A_MOBILE,
    ]
    page = response.content.decode()
    for typed in ["Grace Okafor", "Daughter", "not a postcode", "999 123 4510", "grace@", "01632 960123", "Mill Lane"]:
        assert typed in page
    assert 'value="31"' in page and "Since my fall" in page and "church choir" in page
    assert re.search(r'value="yes"\s+checked', page)  # the radios keep their answers
    assert re.search(r'value="family_carer"\s+checked', page)


def test_the_error_summary_links_to_each_field(send):
    response = send({"form_key": str(uuid.uuid4()), "source": "family_carer"})
    page = response.content.decode()
    for anchor in ["id_referrer_name", "id_person_agrees", "id_given_name", "id_birth_date_day", "id_urgency"]:
        assert f'href="#{anchor}"' in page
        assert f'id="{anchor}"' in page


def test_gaps_found_when_sending_are_shown_on_their_fields(send, monkeypatch):
    def incomplete(request, fields, *, channel, draft=False):
        raise actions.Incomplete({"postcode": "Enter their postcode", "source": "Select who the referral is from"})

    monkeypatch.setattr(actions, "receive", incomplete)
    response = send(answers())
    assert response.status_code == 200
    assert errors(response) == ["Select who the referral is from", "Enter their postcode"]


def test_sending_the_same_form_twice_makes_one_referral(client, send):
    data = answers()
    first, second = send(data), send(data)
    assert first["Location"] == second["Location"] == SENT
    assert Referral.objects.count() == 1
    assert f"R{Referral.objects.get().pk:06d}" in client.get(SENT).content.decode()

    send(answers())  # a new form is a new referral
    assert Referral.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_copies_at_the_same_moment_make_one_referral(monkeypatch):
    """A double click: both copies pass the first look at the cache, and take turns on the key's lock."""
    from django.db import connection

    real_receive, arrived = actions.receive, threading.Barrier(2, timeout=10)

    def slow_receive(*args, **kwargs):
        time.sleep(0.3)  # the other copy reaches the lock meanwhile
        return real_receive(*args, **kwargs)

    monkeypatch.setattr(actions, "receive", slow_receive)
    data, answers_seen = answers(), []

    def post():
        try:
            arrived.wait()
            answers_seen.append(Client().post(START, data, REMOTE_ADDR="203.0.113.9")["Location"])
        finally:
            connection.close()

    copies = [threading.Thread(target=post) for _ in range(2)]
    for copy in copies:
        copy.start()
    for copy in copies:
        copy.join()
    assert answers_seen == [SENT, SENT]
    assert Referral.objects.count() == 1


def test_a_repeat_from_another_browser_session_finds_the_same_reference(client, send):
    data = answers()
    send(data)
    client.cookies.clear()  # as if the first answer never reached the browser that sent it
    response = send(data)
    assert response["Location"] == SENT
    assert Referral.objects.count() == 1
    assert f"R{Referral.objects.get().pk:06d}" in client.get(SENT).content.decode()


def test_a_filled_honeypot_stores_nothing_but_looks_the_same(client, send):
    response = send(answers(website="https://spam.example"))
    assert response.status_code == 302 and response["Location"] == SENT
    page = client.get(SENT)
    assert page.status_code == 200 and "Referral sent" in page.content.decode()
    assert not Referral.objects.exists() and not Message.objects.exists()


def test_the_honeypot_is_hidden_from_everyone(client, db):
    page = client.get(START).content.decode()
    hidden = re.search(r"<div hidden aria-hidden=\"true\">(.*?)</div>", page, re.S)
    assert hidden and 'name="website"' in hidden.group(1)
    assert 'tabindex="-1"' in hidden.group(1) and 'autocomplete="off"' in hidden.group(1)
    assert "Leave this empty" in hidden.group(1)


def test_too_many_referrals_from_one_address_are_kindly_refused(send):
    limit = public.RATE_LIMITS[0][1]
    for _ in range(limit):
        assert send(answers())["Location"] == SENT
    refused = send(answers(given_name="Bernard"))
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "We cannot send your referral just now" in page and "phone your GP surgery" in page
    assert 'value="Bernard"' in page  # nothing typed is lost
    assert Referral.objects.count() == limit
    assert send(answers(), ip="198.51.100.7")["Location"] == SENT  # another address is not held up


def test_the_daily_limit_counts_too(send, monkeypatch):
    monkeypatch.setattr(public, "RATE_LIMITS", ((600, 100), (86400, 3)))
    for _ in range(3):
        send(answers())
    assert send(answers()).status_code == 429


def test_the_sent_page_is_the_same_whether_or_not_we_know_the_person(client, send):
    known = PersonFactory(nhs_number=KNOWN_NHS_NUMBER, given_name="Ada", family_name="Okafor")
    known.birth_date = known.birth_date.replace(year=1941, month=3, day=12)
    known.save()

    def sent_page(number):
        send(answers(nhs_number=number))
        referral = Referral.objects.latest("pk")
        return referral, client.get(SENT).content.decode().replace(f"R{referral.pk:06d}", "R??????")

    matched, page_for_known = sent_page(KNOWN_NHS_NUMBER)
    unmatched, page_for_unknown = sent_page(OTHER_NHS_NUMBER)
    assert matched.person == known and unmatched.person is None
    assert page_for_known == page_for_unknown

    def acknowledgement(referral):
        body = Message.objects.get(reference=f"referral-{referral.pk}-received").personalisation["body"]
        return body.replace(f"R{referral.pk:06d}", "R??????")

    assert acknowledgement(matched) == acknowledgement(unmatched)


def test_an_acknowledgement_is_queued_to_the_email_address_given(send):
    send(answers())
    referral = Referral.objects.get()
    message = Message.objects.get(reference=f"referral-{referral.pk}-received")
    assert (message.channel, message.to) == ("email", "ada@example.com")
    assert f"R{referral.pk:06d}" in message.personalisation["body"]


def test_an_acknowledgement_goes_by_text_when_only_a_mobile_is_given(send):
    send(family(referrer_email="", referrer_phone="07700 900123"))
    message = Message.objects.get()
    assert (message.channel, message.to) == ("sms", "07700 900123")


def test_the_sent_page_needs_a_referral_first(client, db):
    response = client.get(SENT)
    assert response.status_code == 302 and response["Location"] == START


# --- the answers themselves, without the database ---------------------------------------------------------------


def form_for(**changes) -> PublicReferralForm:
    return PublicReferralForm(answers(**changes))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=999_999_999))
def test_any_nhs_number_is_accepted_exactly_when_its_check_digit_is_right(n):
    digits = f"{n:09d}"
    for last in "0123456789":
        number = digits + last
        form = form_for(nhs_number=f"{number[:3]} {number[3:6]} {number[6:]}")
        assert form.is_valid() == nhs_number.is_valid(number), form.errors
        if form.is_valid():
            assert form.fields_for_referral()["nhs_number"] == number


@settings(max_examples=100)
@given(st.dictionaries(st.sampled_from(list(answers())), st.text(max_size=40)))
def test_any_answers_give_a_clear_result_never_a_crash(changes):
    form = form_for(**changes)
    if form.is_valid():
        fields = form.fields_for_referral()
        assert fields["source"] in {"self", "family_carer"} and fields["urgency"] in {"routine", "soon", "urgent"}
    else:
        assert all(isinstance(m, str) and m for messages in form.errors.values() for m in messages)


@settings(max_examples=60)
@given(st.from_regex(r"07[0-9]{3} ?[0-9]{6}", fullmatch=True))
def test_any_uk_mobile_number_is_a_way_to_be_told(number):
    form = form_for(referrer_email="", referrer_phone=number)
    assert form.is_valid(), form.errors
    assert form.fields_for_referral()["referrer_phone"].replace(" ", "") == number.replace(" ", "")


@pytest.mark.parametrize("landline", ["01632 960123", "020 7946 0000"])
def test_a_landline_cannot_take_a_text_message(landline):
    form = form_for(referrer_email="", referrer_phone=landline)
    assert form.errors["referrer_phone"] == [NOT_A_MOBILE]


def test_a_number_too_long_to_keep_is_refused_not_cut(send):
    response = send(answers(referrer_phone="07700 900123 ext 1234567"))
    assert errors(response) == ["Enter a phone number without an extension, like 07700 900123"]
