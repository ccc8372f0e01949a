"""The public form at /refer/, a page at a time: no account, answers kept on the server between pages, one
referral per journey however often it is sent, no spam, and never a hint of a match."""

import re
import threading
import time

import pytest
from django.test import Client

from alongside.core.models import AuditEvent, Message
from alongside.core.tests.pages import texts
from alongside.people.tests.factories import PersonFactory
from alongside.referrals import actions, public
from alongside.referrals import public_journey as journeys
from alongside.referrals.intake_checks import NOT_A_MOBILE, PHONE_WITH_EXTENSION
from alongside.referrals.lifecycle import Status
from alongside.referrals.models import Channel, Referral, Source
from alongside.referrals.public_forms import NOT_AN_EMAIL

from .public_steps import ADDRESS, CHECK, SENT, START, answer, errors, fill, for_someone_else, for_themselves, send

KNOWN_NHS_NUMBER = "9991234519"  # valid, in the synthetic 999 range
OTHER_NHS_NUMBER = "9990000018"
NOT_A_PHONE = "Enter a UK phone number, like 07700 900123 or 01632 960123"


def test_the_start_page_needs_no_account_and_names_the_service_in_plain_words(client, db):
    response = client.get(START)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Get help from your neighbourhood health and care team – Get help from" in page
    assert 'class="nhsuk-header__service-name">\n' in page or "nhsuk-header__service" in page
    assert "Alongside" not in page.split("<footer")[0]  # the staff name stays out of the header and the page
    assert 'href="/refer/"' in page  # the header leads back to the start, not to the staff sign-in
    assert 'href="tel:999"' in page and 'href="tel:111"' in page
    assert 'href="/refer/privacy/"' in page and 'href="/refer/who/"' in page
    assert "no-store" in response["Cache-Control"]


JARGON = ["spa", "triage", "triaged", "referral source", "single point of access", "intake", "alongside"]


def test_no_jargon_on_any_public_page(client, db):
    """Every page, as someone asking for another person sees it (they see every page), has none of the service's
    own words, and its title starts with its h1."""
    fill(client, for_someone_else())
    pages = [START, "/refer/privacy/", *ADDRESS.values(), CHECK]
    responses = [client.get(path) for path in pages]
    send(client)
    responses.append(client.get(SENT))
    for path, response in zip([*pages, SENT], responses, strict=True):
        assert response.status_code == 200, path
        page = response.content.decode()
        words = texts(response).split(" Ask for help How we use your information")[0].lower()  # not the footer
        for word in JARGON:
            assert not re.search(rf"\b{word}\b", words), (path, word)
        h1 = " ".join(re.sub(r"<[^>]+>", " ", re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)).split())
        assert re.search(r"<title>(.*?)</title>", page, re.S).group(1).startswith(h1), path


def test_a_person_asking_for_themselves_sees_only_their_pages_and_sends_one_referral(client, db):
    visited = fill(client, for_themselves())
    assert visited == ["who", "about", "happening", "how_soon", "tell", "contact"]
    check = client.get(CHECK)
    assert check.status_code == 200
    text = check.content.decode()
    for shown in ["Ada Okafor", "12 March 1941", "4 Mill Lane", "NV1 2AB", "Since my fall", "In the next few days"]:
        assert shown in text
    assert 'name="form_key"' in text and "Send request" in text

    response = send(client)
    assert response.status_code == 302 and response["Location"] == SENT
    referral = Referral.objects.get()
    assert (referral.status, referral.channel, referral.source) == (Status.RECEIVED, Channel.PUBLIC, Source.SELF)
    assert (referral.given_name, referral.family_name, str(referral.birth_date)) == ("Ada", "Okafor", "1941-03-12")
    assert (referral.postcode, referral.address_line, referral.urgency) == ("NV1 2AB", "4 Mill Lane", "soon")
    assert referral.person_agrees is True and referral.share_named_worker is True
    assert referral.referrer_user is None and referral.referrer_name == ""
    assert referral.email == referral.referrer_email == "ada@example.com"  # their own contact, asked once
    assert referral.phone == "01632 960123" and referral.referrer_phone == ""  # a landline to phone, not to text
    assert AuditEvent.objects.filter(action="referral_received", object_id=str(referral.pk)).exists()

    page = client.get(SENT).content.decode()
    assert f"R{referral.pk:06d}" in page and "2 days" in page  # the target for "soon", in plain words
    assert client.get(CHECK)["Location"] == SENT  # back from the "sent" page: sent, not to be changed
    assert client.get(ADDRESS["about"])["Location"] == SENT
    assert "checked" not in client.get(ADDRESS["who"]).content.decode()  # the first page starts a new one
    assert 'value="Ada"' not in client.get(ADDRESS["about"]).content.decode()


def test_someone_asking_for_another_person_answers_about_themselves_and_what_the_person_agreed(client, db):
    visited = fill(client, for_someone_else())
    assert visited == [
        "who", "your_details", "about", "their_contact", "happening", "how_soon", "agreement", "tell", "contact"
    ]  # fmt: skip
    send(client)
    referral = Referral.objects.get()
    assert referral.source == Source.FAMILY_CARER
    assert (referral.referrer_name, referral.referrer_relationship) == ("Grace Okafor", "Daughter")
    assert (referral.referrer_email, referral.referrer_phone) == ("grace@example.com", "07700 900123")
    assert referral.person_agrees is True and referral.share_named_worker is False
    assert (referral.phone, referral.email) == ("01632 960123", "ada@example.com")


def test_told_by_text_the_referral_keeps_no_email_for_whoever_asked_so_the_text_is_sent(client, db):
    fill(client, for_themselves(tell={"how": "text"}, contact={"phone": "07700 900123", "email": "ada@example.com"}))
    send(client)
    referral = Referral.objects.get()
    assert (referral.referrer_phone, referral.referrer_email) == ("07700 900123", "")
    assert (referral.phone, referral.email) == ("07700 900123", "ada@example.com")  # kept as the person's own
    message = Message.objects.get()
    assert (message.channel, message.to) == ("sms", "07700 900123")


def test_someone_else_told_by_text_gives_only_a_mobile(client, db):
    fill(client, for_someone_else(tell={"how": "text"}, contact={"phone": "07700 900123"}))
    page = client.get(ADDRESS["contact"]).content.decode()
    assert 'name="phone"' in page and 'name="email"' not in page
    send(client)
    referral = Referral.objects.get()
    assert (referral.referrer_phone, referral.referrer_email) == ("07700 900123", "")


def test_each_page_keeps_its_answers_when_you_go_back(client, db):
    fill(client, for_themselves(), stop_before="tell")
    about = client.get(ADDRESS["about"]).content.decode()
    for kept in ['value="Ada"', 'value="Okafor"', 'value="12"', 'value="1941"', 'value="nv1 2ab"']:
        assert kept in about
    assert 'href="/refer/who/"' in about  # the back link, to the page before
    assert re.search(r'value="soon"\s+checked', client.get(ADDRESS["how_soon"]).content.decode())
    assert "Since my fall" in client.get(ADDRESS["happening"]).content.decode()


def test_nothing_is_chosen_before_the_person_chooses(client, db):
    fill(client, for_someone_else(), stop_before="agreement")
    for name in ["who", "agreement", "tell"]:
        if name == "who":
            page = Client().get(ADDRESS["who"]).content.decode()
        else:
            page = client.get(ADDRESS[name]).content.decode()
        assert "checked" not in page, name


def test_changing_an_answer_returns_to_the_check_page_with_everything_else_kept(client, db):
    fill(client, for_themselves())
    change = client.get(ADDRESS["about"] + "?change=1").content.decode()
    assert 'href="/refer/check/"' in change  # back goes to the check page
    response = answer(client, "about", for_themselves()["about"] | {"given_name": "Adaeze"}, change=True)
    assert response["Location"] == CHECK
    check = client.get(CHECK).content.decode()
    assert "Adaeze Okafor" in check and "Since my fall" in check


def test_a_change_that_needs_another_answer_leads_to_that_page_first(client, db):
    fill(client, for_themselves())  # told by email; the contact page has an email and a landline
    response = answer(client, "tell", {"how": "text"}, change=True)
    assert response["Location"] == ADDRESS["contact"]  # a landline cannot take a text: asked again
    page = client.get(ADDRESS["contact"]).content.decode()
    assert "Mobile phone number" in page and 'value="01632 960123"' in page
    assert client.get(CHECK)["Location"] == ADDRESS["contact"]  # and the check page waits for it


def test_changing_who_it_is_for_asks_the_new_questions_and_drops_none_of_the_old(client, db):
    fill(client, for_themselves())
    response = answer(client, "who", {"source": "family_carer"}, change=True)
    assert response["Location"] == ADDRESS["your_details"]
    assert client.get(CHECK)["Location"] == ADDRESS["your_details"]
    assert 'value="Ada"' in client.get(ADDRESS["about"]).content.decode()


def test_a_page_for_someone_else_is_not_shown_to_someone_asking_for_themselves(client, db):
    fill(client, for_themselves(), stop_before="happening")
    assert client.get(ADDRESS["agreement"])["Location"] == ADDRESS["happening"]


def test_the_check_page_sends_you_to_the_first_question_not_answered(client, db):
    fill(client, for_themselves(), stop_before="how_soon")
    assert client.get(CHECK)["Location"] == ADDRESS["how_soon"]
    assert client.post(CHECK, {"form_key": "x"})["Location"] == ADDRESS["how_soon"]
    assert not Referral.objects.exists()


def test_without_answers_the_pages_explain_kindly_and_start_again(client, db):
    for name in ["about", "contact"]:
        for response in (client.get(ADDRESS[name]), client.post(ADDRESS[name], {"given_name": "Ada"})):
            assert response.status_code == 200
            page = response.content.decode()
            assert "Sorry, you need to start again" in page and "We have not kept your answers" in page
            assert 'href="/refer/who/"' in page
    assert "Sorry, you need to start again" in client.post(CHECK, {}).content.decode()


def test_answers_left_for_an_hour_are_forgotten(client, db, monkeypatch):
    fill(client, for_themselves(), stop_before="happening")
    later = time.time() + journeys.IDLE_MINUTES * 60 + 1
    monkeypatch.setattr(public.time, "time", lambda: later)
    page = client.get(ADDRESS["happening"]).content.decode()
    assert "Sorry, you need to start again" in page
    assert 'value="Ada"' not in client.get(ADDRESS["about"]).content.decode()
    assert client.get(ADDRESS["who"]).status_code == 200  # the first page starts a new journey
    assert "checked" not in client.get(ADDRESS["who"]).content.decode()


def test_answers_are_kept_in_the_session_not_in_the_page(client, db):
    fill(client, for_themselves(), stop_before="tell")
    page = client.get(ADDRESS["how_soon"]).content.decode()
    hidden = re.findall(r'<input[^>]+type="hidden"[^>]*>', page)
    assert all("csrfmiddlewaretoken" in field for field in hidden), hidden
    assert client.session[public.JOURNEY]["pages"]["about"]["given_name"] == "Ada"


# --- each page's checks -----------------------------------------------------------------------------------------


def test_the_first_page_needs_a_choice(client, db):
    response = client.post(ADDRESS["who"], {})
    assert errors(response) == ["Select who needs help"]
    assert "<title>Error: Who needs help?" in response.content.decode()
    assert errors(client.post(ADDRESS["who"], {"source": "gp"})) == ["Select who needs help"]


def test_the_about_page_says_what_is_missing_speaking_to_you(client, db):
    fill(client, for_themselves(), stop_before="about")
    response = client.post(ADDRESS["about"], {})
    assert errors(response) == [
        "Enter your first name",
        "Enter your last name",
        "Enter your date of birth",
        "Enter your postcode",
    ]
    assert "<title>Error: About you" in response.content.decode()


def test_the_about_page_for_someone_else_speaks_of_them(client, db):
    fill(client, for_someone_else(), stop_before="about")
    response = client.post(ADDRESS["about"], {"given_name": "Ada"})
    assert errors(response) == ["Enter their last name", "Enter their date of birth", "Enter their postcode"]
    assert "<title>Error: About the person who needs help" in response.content.decode()


def test_mistakes_on_the_about_page_are_named_and_what_was_typed_is_kept(client, db):
    fill(client, for_themselves(), stop_before="about")
    typed = for_themselves()["about"] | {
        "birth_date_day": "31",
        "birth_date_month": "2",
        "postcode": "not a postcode",
        "nhs_number": "999 123 4510",
    }
    response = client.post(ADDRESS["about"], typed)
    assert errors(response) == [
        "Date of birth must be a real date, for example 15 3 1941",
        "Enter a real postcode, like NV1 2AB",
        "This is not a valid NHS number. Check each digit",
    ]
    page = response.content.decode()
    for kept in ['value="Ada"', 'value="31"', 'value="not a postcode"', 'value="999 123 4510"', "Mill Lane"]:
        assert kept in page
    for anchor in ["id_birth_date_day", "id_postcode", "id_nhs_number"]:
        assert f'href="#{anchor}"' in page and f'id="{anchor}"' in page


def test_your_details_are_needed_when_asking_for_someone_else(client, db):
    fill(client, for_someone_else(), stop_before="your_details")
    assert errors(client.post(ADDRESS["your_details"], {})) == [
        "Enter your name",
        "Enter how you know them, for example daughter, neighbour or friend",
    ]


def test_their_phone_and_email_are_optional_but_must_be_real(client, db):
    fill(client, for_someone_else(), stop_before="their_contact")
    assert errors(client.post(ADDRESS["their_contact"], {"phone": "12", "email": "ada@"})) == [
        "Enter a UK phone number, like 07700 900123 or 01632 960123",
        NOT_AN_EMAIL,
    ]
    assert client.post(ADDRESS["their_contact"], {})["Location"] == ADDRESS["happening"]


def test_what_is_happening_is_needed(client, db):
    fill(client, for_themselves(), stop_before="happening")
    response = client.post(ADDRESS["happening"], {"situation": "I sing in a choir"})
    assert errors(response) == ["Tell us what is happening and what help you would like"]
    assert "I sing in a choir" in response.content.decode()


def test_how_soon_is_needed_and_says_this_is_not_for_emergencies(client, db):
    fill(client, for_themselves(), stop_before="how_soon")
    response = client.post(ADDRESS["how_soon"], {})
    assert errors(response) == ["Select how soon help is needed"]
    page = response.content.decode()
    assert "<title>Error: How soon do you need help?" in page and 'href="tel:999"' in page


def test_agreement_needs_both_answers(client, db):
    fill(client, for_someone_else(), stop_before="agreement")
    assert errors(client.post(ADDRESS["agreement"], {"person_agrees": "no"})) == [
        "Select yes if they are happy for us to tell you who will look after them"
    ]
    assert errors(client.post(ADDRESS["agreement"], {})) == [
        "Select yes if they know and agree",
        "Select yes if they are happy for us to tell you who will look after them",
    ]


def test_how_we_tell_you_is_needed(client, db):
    fill(client, for_themselves(), stop_before="tell")
    assert errors(client.post(ADDRESS["tell"], {"how": "pigeon"})) == ["Select email or text message"]


@pytest.mark.parametrize(
    ("how", "typed", "said"),
    [
        ("email", {}, ["Enter your email address, so that we can email you"]),
        ("email", {"email": "ada@"}, [NOT_AN_EMAIL]),
        ("email", {"email": "ada@example.com", "phone": "12"}, [NOT_A_PHONE]),
        ("text", {}, ["Enter your mobile phone number, so that we can send you a text"]),
        ("text", {"phone": "01632 960123"}, [NOT_A_MOBILE]),
        ("text", {"phone": "07700 900123 ext 1234567"}, [PHONE_WITH_EXTENSION]),
    ],
)  # fmt: skip
def test_the_contact_page_needs_the_way_you_chose(client, db, how, typed, said):
    fill(client, for_themselves(tell={"how": how}), stop_before="contact")
    response = client.post(ADDRESS["contact"], typed)
    assert errors(response) == said
    for value in typed.values():
        assert f'value="{value}"' in response.content.decode()


def test_someone_else_gives_a_mobile_so_that_it_can_take_a_text(client, db):
    fill(client, for_someone_else(), stop_before="contact")
    response = client.post(ADDRESS["contact"], {"email": "grace@example.com", "phone": "01632 960123"})
    assert errors(response) == [
        "Enter a UK mobile phone number, like 07700 900123, so that we can send you a text message"
    ]


# --- sending ----------------------------------------------------------------------------------------------------


def test_gaps_found_when_sending_are_shown_on_the_check_page(client, db, monkeypatch):
    def incomplete(request, fields, *, channel, draft=False):
        raise actions.Incomplete({"postcode": "Enter their postcode"})

    monkeypatch.setattr(actions, "receive", incomplete)
    fill(client, for_themselves())
    response = send(client)
    assert response.status_code == 400
    assert "Enter their postcode" in response.content.decode()
    assert not Referral.objects.exists()


def test_sending_twice_makes_one_referral(client, db):
    fill(client, for_themselves())
    key = client.session[public.JOURNEY]["key"]
    first = send(client, key=key)
    second = send(client, key=key)  # the back button, and "Send request" again
    assert first["Location"] == second["Location"] == SENT
    assert Referral.objects.count() == 1
    assert f"R{Referral.objects.get().pk:06d}" in client.get(SENT).content.decode()

    fill(client, for_themselves())  # a new journey is a new referral
    send(client)
    assert Referral.objects.count() == 2


def test_a_repeat_from_another_browser_session_finds_the_same_reference(client, db):
    fill(client, for_themselves())
    key = client.session[public.JOURNEY]["key"]
    send(client, key=key)
    other = Client()
    response = other.post(CHECK, {"form_key": key}, REMOTE_ADDR="203.0.113.9")
    assert response["Location"] == SENT
    assert Referral.objects.count() == 1
    assert f"R{Referral.objects.get().pk:06d}" in other.get(SENT).content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_copies_at_the_same_moment_make_one_referral(monkeypatch):
    """A double click: both copies find the answers in the session, and take turns on the key's lock."""
    from django.db import connection

    client = Client()
    fill(client, for_themselves())
    key = client.session[public.JOURNEY]["key"]
    cookies = client.cookies
    real_receive, arrived = actions.receive, threading.Barrier(2, timeout=10)

    def slow_receive(*args, **kwargs):
        time.sleep(0.3)  # the other copy reaches the lock meanwhile
        return real_receive(*args, **kwargs)

    monkeypatch.setattr(actions, "receive", slow_receive)
    seen = []

    def post():
        try:
            copy = Client()
            copy.cookies = cookies
            arrived.wait()
            seen.append(copy.post(CHECK, {"form_key": key}, REMOTE_ADDR="203.0.113.9")["Location"])
        finally:
            connection.close()

    copies = [threading.Thread(target=post) for _ in range(2)]
    for copy in copies:
        copy.start()
    for copy in copies:
        copy.join()
    assert seen == [SENT, SENT]
    assert Referral.objects.count() == 1


def test_a_filled_honeypot_stores_nothing_but_looks_the_same(client, db):
    fill(client, for_themselves(about=for_themselves()["about"] | {"website": "https://spam.example"}))
    response = send(client)
    assert response.status_code == 302 and response["Location"] == SENT
    page = client.get(SENT)
    assert page.status_code == 200 and "Request sent" in page.content.decode()
    assert not Referral.objects.exists() and not Message.objects.exists()


def test_the_honeypot_is_hidden_from_everyone(client, db):
    fill(client, for_themselves(), stop_before="about")
    page = client.get(ADDRESS["about"]).content.decode()
    hidden = re.search(r"<div hidden aria-hidden=\"true\">(.*?)</div>", page, re.S)
    assert hidden and 'name="website"' in hidden.group(1)
    assert 'tabindex="-1"' in hidden.group(1) and 'autocomplete="off"' in hidden.group(1)


def test_too_many_referrals_from_one_address_are_kindly_refused(client, db):
    limit = public.RATE_LIMITS[0][1]
    for _ in range(limit):
        fill(client, for_themselves())
        assert send(client)["Location"] == SENT
    fill(client, for_themselves(about=for_themselves()["about"] | {"given_name": "Bernard"}))
    refused = send(client)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "We cannot send your request just now" in page and "phone your GP surgery" in page
    assert "Bernard Okafor" in page  # nothing typed is lost
    assert Referral.objects.count() == limit
    assert send(client, ip="198.51.100.7")["Location"] == SENT  # another address is not held up


def test_the_daily_limit_counts_too(client, db, monkeypatch):
    monkeypatch.setattr(public, "RATE_LIMITS", ((600, 100), (86400, 3)))
    for _ in range(3):
        fill(client, for_themselves())
        send(client)
    fill(client, for_themselves())
    assert send(client).status_code == 429


def test_the_sent_page_is_the_same_whether_or_not_we_know_the_person(client, db):
    known = PersonFactory(nhs_number=KNOWN_NHS_NUMBER, given_name="Ada", family_name="Okafor")
    known.birth_date = known.birth_date.replace(year=1941, month=3, day=12)
    known.save()

    def sent_page(number):
        fill(client, for_themselves(about=for_themselves()["about"] | {"nhs_number": number}))
        send(client)
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


def test_an_acknowledgement_is_queued_to_the_email_address_given(client, db):
    fill(client, for_themselves())
    send(client)
    referral = Referral.objects.get()
    message = Message.objects.get(reference=f"referral-{referral.pk}-received")
    assert (message.channel, message.to) == ("email", "ada@example.com")
    assert f"R{referral.pk:06d}" in message.personalisation["body"]


def test_the_sent_page_needs_a_referral_first(client, db):
    response = client.get(SENT)
    assert response.status_code == 302 and response["Location"] == START


def test_the_privacy_notice_says_what_we_keep_who_sees_it_for_how_long_and_whom_to_ask(client, db):
    page = client.get("/refer/privacy/").content.decode()
    for heading in ["What we keep", "Who sees it", "How long we keep it", "Questions, and your rights"]:
        assert heading in page
    assert 'href="/refer/"' in page  # back to the start
    assert 'href="/refer/check/"' in client.get("/refer/privacy/?from=check").content.decode()
