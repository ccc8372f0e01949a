"""The story pages as a team uses them: a story written down with consent and checked before saving, saved once;
the withdrawal code shown once and only its hash kept; names flagged before a story is shared; sessions share only
what consent allows; withdrawal deletes the words everywhere; the pages cost a constant number of queries."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.pages import texts
from alongside.narratives.codes import hashed
from alongside.narratives.models import Session, Story
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory

from .factories import checked, ready, tell

pytestmark = pytest.mark.django_db


def form_key(client, url) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', client.get(url).content.decode()).group(1)


def test_a_story_is_checked_then_saved_once_and_the_code_is_shown_once_and_never_kept(client, sam, team):
    client.force_login(sam)
    url = f"/stories/teams/{team.pk}/new/"
    empty = client.post(url, {"form_key": form_key(client, url), "words": "Kept as typed"})
    page = texts(empty)
    assert "There is a problem" in page and "Say whether someone told you" in page and "Kept as typed" in page
    assert "Tick to say the teller agreed" in page and "Choose how the teller agreed" in page
    data = {
        "form_key": form_key(client, url),
        "whose": "theirs",
        "teller": "carer",
        "words": "Nobody rang me back for weeks.",
        "level": "partnership",
        "agreed": "on",
    }
    check = texts(client.post(url, data))
    assert "Check the story before saving it" in check and "Nobody rang me back" in check and not Story.objects.exists()
    first = client.post(url, {**data, "confirm": "yes"})
    code = re.search(r'id="withdrawal-code">([A-Z0-9-]+)<', first.content.decode()).group(1)
    again = client.post(url, {**data, "confirm": "yes"})
    story = Story.objects.get()
    assert again.status_code == 302 and again.url == f"/stories/{story.pk}/"
    assert story.withdrawal_code_hash == hashed(code) and code not in str(Story.objects.values().get())
    assert AuditEvent.objects.filter(action="narratives_story_recorded").count() == 1
    assert "Nobody rang" not in str(AuditEvent.objects.values("detail").get(action="narratives_story_recorded"))


def test_who_told_it_is_asked_only_when_someone_told_it_and_ones_own_story_is_a_member_of_staffs(client, sam, team):
    client.force_login(sam)
    url = f"/stories/teams/{team.pk}/new/"
    form = client.get(url).content.decode()
    assert 'aria-controls="conditional-id_whose"' in form and 'id="conditional-id_whose"' in form
    assert form.index('id="conditional-id_whose"') < form.index('name="teller"') < form.index('id="id_whose-2"')
    data = {"form_key": form_key(client, url), "whose": "mine", "teller": "supported", "words": "x", "level": "team"}
    check = texts(client.post(url, {**data, "agreed": "on"}))  # a hidden leftover choice is not an error
    assert (
        "Check the story before saving it" in check
        and "A member of staff" in check
        and "Someone we support" not in check
    )
    assert "Back to Write down a story" in check
    missing = texts(client.post(url, {**data, "whose": "theirs", "teller": "", "agreed": "on"}))
    assert "There is a problem" in missing and "Say who told the story" in missing
    saved = client.post(url, {**data, "teller": "", "agreed": "on", "confirm": "yes"})
    assert saved.status_code == 200 and Story.objects.get().teller == "staff"


def test_only_the_recorder_and_teller_read_the_words_and_the_team_the_de_identified_version(client, member, sam, team):
    story, _ = tell(sam, team, words="Priya came on Tuesday.")
    colleague = member("clinician", team=team)
    client.force_login(colleague)
    page = texts(client.get(f"/stories/{story.pk}/"))
    assert "Priya" not in page and "Names have not been taken out yet." in page
    assert client.get(f"/stories/{story.pk}/prepare/").status_code == 404
    client.force_login(sam)
    assert "Priya came on Tuesday" in texts(client.get(f"/stories/{story.pk}/"))


def test_possible_identifiers_are_flagged_before_saving_and_themes_are_the_teams_own(client, sam, team):
    story, _ = tell(sam, team)
    client.force_login(sam)
    url = f"/stories/{story.pk}/prepare/"
    data = {
        "version": story.version,
        "title": "Heard",
        "deidentified": "My worker Priya rang 07700 900123.",
        "new_theme": "Being heard",
    }
    page = texts(client.post(url, data))
    assert '"Priya": this may be a name' in page and '"07700 900123": this may be a phone number' in page
    assert Story.objects.get().deidentified == ""
    ticked = texts(client.post(url, {**data, "checked": "on"}))
    assert 'Take out a phone number ("07700 900123")' in ticked and Story.objects.get().deidentified == ""
    done = client.post(url, {**data, "deidentified": "My worker rang me back."})
    assert done.status_code == 302
    story.refresh_from_db()
    assert story.deidentified == "My worker rang me back." and [t.name for t in story.themes.all()] == ["Being heard"]
    stale = client.post(url, {**data, "deidentified": "Old edit.", "version": 1})
    assert "Someone else saved it first" in texts(stale) and "Old edit." in texts(stale)


def test_a_session_shares_only_ready_stories_within_consent_and_loses_a_withdrawn_one(client, member, sam, lee, team):
    shown, _ = tell(sam, team, words="Words of one")
    ready(shown, sam, title="One")
    waiting, _ = tell(sam, team)
    other = TeamFactory()
    elsewhere, _ = tell(member("clinician", team=other), other, level="partnership")
    client.force_login(sam)
    url = f"/stories/teams/{team.pk}/sessions/new/"
    page = texts(client.get(url))
    assert "One" in page and client.get(url + "?for=partnership").status_code == 404
    when = (timezone.localdate() + timedelta(days=7)).strftime("%d/%m/%Y")
    sneaky = client.post(
        url,
        {"form_key": form_key(client, url), "title": "S", "on": when, "stories": [shown.pk, waiting.pk, elsewhere.pk]},
    )
    assert "Choose only from the stories listed" in texts(sneaky)
    made = client.post(url, {"form_key": form_key(client, url), "title": "Learning", "on": when, "stories": [shown.pk]})
    session = Session.objects.get()
    assert made.url == f"/stories/sessions/{session.pk}/"
    assert "A story with names taken out." in texts(client.get(made.url))
    client.force_login(sam)
    client.post(f"/stories/{shown.pk}/withdraw/")
    after = texts(client.get(made.url))
    assert "A story with names taken out." not in after and "withdrawn by their tellers" in after
    shown.refresh_from_db()
    assert shown.words == shown.deidentified == "" and not shown.themes.exists() and shown.withdrawn_at
    ready(tell(sam, team)[0], sam, title="Still here")
    listed = texts(client.get(f"/stories/teams/{team.pk}/"))
    assert listed.index("Still here") < listed.index("Withdrawn by the teller on")


def test_the_partnership_sees_stories_agreed_for_it_and_leaders_plan_partnership_sessions(client, member, sam, lee):
    other = TeamFactory()
    teller = member("clinician", team=other)
    wide, _ = tell(teller, other, level="partnership")
    ready(wide, teller, title="Wide")
    narrow, _ = tell(teller, other, level="team")
    ready(narrow, teller, title="Narrow")
    client.force_login(lee)
    assert client.get(f"/stories/{wide.pk}/").status_code == 404  # not yet checked safe by a second member
    assert "Wide" not in texts(
        client.get(f"/stories/teams/{lee.memberships.get().team_id}/sessions/new/?for=partnership")
    )
    checked(wide, member("clinician", team=other))
    assert client.get(f"/stories/{wide.pk}/").status_code == 200
    assert client.get(f"/stories/{narrow.pk}/").status_code == 404
    page = texts(client.get(f"/stories/teams/{lee.memberships.get().team_id}/sessions/new/?for=partnership"))
    assert "Wide" in page and "Narrow" not in page
    client.force_login(sam)
    assert client.get(f"/stories/{wide.pk}/").status_code == 404


def test_a_teller_without_an_account_withdraws_with_the_code_without_signing_in(client, sam, team):
    story, code = tell(sam, team, words="Private words")
    wrong = client.post("/stories/withdraw/", {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert "No story has this code" in texts(wrong)
    assert "16 letters and numbers" in texts(client.post("/stories/withdraw/", {"code": "nope"}))
    assert code not in client.get(f"/stories/withdraw/?code={code}").content.decode()  # never taken from the address
    done = client.post("/stories/withdraw/", {"code": code.lower()})
    assert "Your story is withdrawn" in texts(done)
    story.refresh_from_db()
    assert story.words == "" and story.withdrawal_code_hash == "" and story.withdrawn_at
    assert "No story has this code" in texts(client.post("/stories/withdraw/", {"code": code}))


def test_a_staff_teller_sees_and_withdraws_their_own_story(client, sam, team):
    story, code = tell(sam, team, own=True, words="My own")
    assert code == ""
    client.force_login(sam)
    assert "My own" not in texts(client.get("/stories/"))  # not titled yet: shown as "Your story"
    assert f"/stories/{story.pk}/" in client.get("/stories/").content.decode()
    client.post(f"/stories/{story.pk}/withdraw/")
    assert "Withdrawn by you on" in texts(client.get("/stories/"))


def test_the_team_page_and_panel_cost_a_constant_number_of_queries(client, sam, team, django_assert_num_queries):
    ready(tell(sam, team)[0], sam)
    client.force_login(sam)
    client.get(f"/stories/teams/{team.pk}/")
    with CaptureQueriesContext(connection) as small_page:
        client.get(f"/stories/teams/{team.pk}/")
    with CaptureQueriesContext(connection) as small_team:
        client.get(f"/teams/{team.pk}/")
    for n in range(6):
        story, _ = tell(sam, team)
        if n % 2:
            ready(story, sam, themes=("Hope", f"Theme {n}"))
    with django_assert_num_queries(len(small_page.captured_queries)):
        page = texts(client.get(f"/stories/teams/{team.pk}/"))
    assert page.count("Ready to share") == 4 and page.count("Waiting for names to be taken out") == 3
    with django_assert_num_queries(len(small_team.captured_queries)):
        team_page = texts(client.get(f"/teams/{team.pk}/"))
    assert "7 stories: 3 waiting" in team_page and "4 ready to share. No learning session planned." in team_page


def test_someone_supported_sees_their_stories_on_their_home_page(client, sam, team):
    person_user = UserFactory()
    PersonFactory(user=person_user)
    story, _ = tell(sam, team, words="What helped me")
    story.teller_user = person_user
    story.save()
    client.force_login(person_user)
    assert "You have told 1 story" in texts(client.get("/"))
    assert "What helped me" in texts(client.get(f"/stories/{story.pk}/"))


def test_the_public_page_shows_only_stories_agreed_for_everyone_with_names_taken_out(
    client, sam, lee, team, django_assert_num_queries
):
    shown, _ = tell(sam, team, level="public", words="Priya's words")
    ready(shown, sam, title="For everyone")
    checked(shown, lee)
    kept, _ = tell(sam, team, level="partnership")
    ready(kept, sam, title="Only the partnership")
    checked(kept, lee)
    tell(sam, team, level="public")  # names not yet taken out
    with CaptureQueriesContext(connection) as one:
        client.get("/stories/shared/")
    for n in range(4):
        checked(ready(tell(sam, team, level="public")[0], sam, title=f"More {n}", themes=("Hope", f"Theme {n}")), lee)
    with django_assert_num_queries(len(one.captured_queries)):
        page = texts(client.get("/stories/shared/"))
    assert "For everyone" in page and "A story with names taken out." in page and "Being listened to" in page
    assert "Only the partnership" not in page and "Priya" not in page
    client.post("/stories/withdraw/", {})  # nothing happens without a code
    client.force_login(sam)
    client.post(f"/stories/{shown.pk}/withdraw/")
    assert "For everyone" not in texts(client.get("/stories/shared/"))


REVIEWED = "I saw Sarah Jones on 3 March. Ring 07700 900123, at SW1A 1AA, or sj@example.org. NHS 943 476 5919."


def test_phone_nhs_number_postcode_and_email_block_saving_and_no_tick_overrides_them(client, sam, team):
    story, _ = tell(sam, team, level="public", words=REVIEWED)
    client.force_login(sam)
    url = f"/stories/{story.pk}/prepare/"
    data = {"version": story.version, "title": "Seen", "deidentified": REVIEWED, "new_theme": "Hope", "checked": "on"}
    page = texts(client.post(url, data))
    for kind, text in (
        ("a phone number", "07700 900123"),
        ("a postcode", "SW1A 1AA"),
        ("an email address", "sj@example.org"),
        ("an NHS number", "943 476 5919"),
    ):
        assert f'{kind} ("{text}")' in page
    assert "cannot be saved with them" in page
    story.refresh_from_db()
    assert story.deidentified == "" and story.deidentified_at is None
    names_only = "I saw Sarah Jones on 3 March."
    unticked = texts(client.post(url, {**data, "deidentified": names_only, "checked": ""}))
    assert "Check the names and dates listed above" in unticked
    assert client.post(url, {**data, "deidentified": names_only}).status_code == 302  # names and dates: the tick
    assert "Sarah" not in texts(client.get("/stories/shared/"))  # and not public until a second member checks


def test_a_story_for_beyond_the_team_waits_for_a_second_member_of_the_team_to_check_it(client, member, sam, lee, team):
    story, _ = tell(sam, team, level="public", words="Words")
    ready(story, sam, title="Wider")
    other = member("clinician", team=team)
    client.force_login(sam)  # wrote it down and took names out: may not check it
    page = texts(client.get(f"/stories/{story.pk}/"))
    assert "Shared in the team only for now" in page and "Check it is safe to share" not in page
    assert client.get(f"/stories/{story.pk}/check/").status_code == 404
    assert "Wider" not in texts(client.get("/stories/shared/"))
    assert "waiting for a check" in texts(client.get(f"/stories/teams/{team.pk}/"))
    ready(story, other, title="Wider")  # the last to de-identify may not check it either
    client.force_login(other)
    assert client.get(f"/stories/{story.pk}/check/").status_code == 404
    client.force_login(lee)
    cya = texts(client.get(f"/stories/{story.pk}/check/"))
    assert "Check it is safe to share" in cya and "A story with names taken out." in cya and "Public" in cya
    story.refresh_from_db()
    unticked = client.post(f"/stories/{story.pk}/check/", {"version": story.version})
    assert "Tick to say you have read it" in texts(unticked)
    assert client.post(f"/stories/{story.pk}/check/", {"version": story.version, "safe": "on"}).status_code == 302
    story.refresh_from_db()
    assert story.checked_by == lee and "Wider" in texts(client.get("/stories/shared/"))
    assert AuditEvent.objects.filter(action="narratives_story_checked").count() == 1
    ready(story, sam, title="Wider")  # a changed version is checked again
    assert "Wider" not in texts(client.get("/stories/shared/"))


def test_the_withdrawal_code_is_never_put_in_an_address(client, sam, team):
    client.force_login(sam)
    url = f"/stories/teams/{team.pk}/new/"
    data = {"whose": "theirs", "teller": "carer", "words": "W", "level": "team", "agreed": "on", "confirm": "yes"}
    saved = client.post(url, {**data, "form_key": form_key(client, url)})
    page = saved.content.decode()
    code = re.search(r'id="withdrawal-code">([A-Z0-9-]+)<', page).group(1)
    assert "?code=" not in page and page.count(code) == 1 and "/stories/withdraw/ and type the code in" in texts(saved)
    form = client.get("/stories/withdraw/").content.decode()
    assert 'method="post"' in form and 'name="code"' in form


def test_the_take_out_names_page_warns_on_first_view(client, sam, team):
    story, _ = tell(sam, team, words="I met Priya on 3 March.")
    client.force_login(sam)
    page = client.get(f"/stories/{story.pk}/prepare/")
    assert '"Priya": this may be a name' in texts(page) and 'name="checked"' in page.content.decode()


def test_the_story_back_link_goes_where_the_reader_came_from(client, member, sam, lee, team):
    story, _ = tell(sam, team, level="partnership")
    checked(ready(story, sam, title="Wide"), lee)
    session = Session.objects.create(
        team=team, audience="partnership", title="Event", on=timezone.localdate(), planned_by=lee
    )
    session.stories.add(story)
    client.force_login(member("admin", team=TeamFactory()))
    from_session = texts(client.get(f"/stories/{story.pk}/?session={session.pk}"))
    assert "Back to Event" in from_session and "Back to your stories" not in from_session
    assert (
        f"/stories/{story.pk}/?session={session.pk}" in client.get(f"/stories/sessions/{session.pk}/").content.decode()
    )
    assert f"Back to {team.name}" in texts(client.get(f"/stories/{story.pk}/"))
    for odd in ("²", "99999999999999", "x"):  # never a 500: the back link falls back to the team
        assert f"Back to {team.name}" in texts(client.get(f"/stories/{story.pk}/?session={odd}"))
    client.force_login(lee)
    assert "Back to the team's stories" in texts(client.get(f"/stories/{story.pk}/"))
