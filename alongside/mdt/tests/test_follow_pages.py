"""The action page and the home panel, through the client: the owner writes, checks and sends; anyone else gets
"Page not found" exactly as for a missing action; a double click records once; a stale page says so and keeps the
words; the panel lists the owner's open actions in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.concerns.models import Concern
from alongside.core.models import Alert, AuditEvent
from alongside.mdt.models import Action
from alongside.mdt.tests.factories import ActionFactory, ItemFactory

from .follow_world import OUTCOME, WORDS_FOR_VOLUNTEER, follow_world


@pytest.fixture
def f(db):
    return follow_world()


def page(action):
    return reverse("mdt:follow_action_done", args=[action.pk])


def written(action, **more):
    return {
        "form_key": "6f1c1d0e-9c1b-4c8e-8a51-0c3e2b7f4a11",
        "version": action.version,
        "outcome": OUTCOME,
        "told_volunteer": WORDS_FOR_VOLUNTEER,
        **more,
    }


def test_the_owner_sees_the_action_with_an_empty_box_for_the_volunteer(client, f):
    client.force_login(f.around.named_worker)
    html = client.get(page(f.action)).content.decode()
    assert "<title>Complete an action from the MDT" in html
    assert f.around.person.full_name in html and "Visit and check her breathing" in html
    assert 'name="told_volunteer"' in html and "must not" not in html
    assert "leave out diagnoses" in html


def test_write_check_send_and_the_volunteer_hears(client, f):
    client.force_login(f.around.named_worker)
    check = client.post(page(f.action), written(f.action)).content.decode()
    assert "Check before you send it" in check and WORDS_FOR_VOLUNTEER in check
    assert Action.objects.get(pk=f.action.pk).done_at is None
    done = client.post(page(f.action), written(f.action, confirm="1"))
    assert done.status_code == 302 and done.url == page(f.action)
    assert Action.objects.get(pk=f.action.pk).done_at is not None
    assert Concern.objects.get(pk=f.concern.pk).outcome == WORDS_FOR_VOLUNTEER
    again = client.post(page(f.action), written(f.action, confirm="1"))  # a double click
    assert again.status_code == 302
    assert Alert.objects.filter(recipient=f.around.volunteer).count() == 1
    assert "Action done" in client.get(page(f.action)).content.decode()


def test_missing_words_keep_what_was_typed(client, f):
    client.force_login(f.around.named_worker)
    html = client.post(page(f.action), written(f.action, told_volunteer="")).content.decode()
    assert "Write what to tell the volunteer who raised the worry" in html
    assert OUTCOME in html


def test_a_stale_page_says_so_and_keeps_the_words(client, f):
    client.force_login(f.around.named_worker)
    Action.objects.filter(pk=f.action.pk).update(version=7)
    html = client.post(page(f.action), written(f.action, confirm="1", version=1)).content.decode()
    assert "This action changed while you were writing" in html and WORDS_FOR_VOLUNTEER in html
    assert Action.objects.get(pk=f.action.pk).done_at is None


def test_anyone_else_gets_the_same_answer_as_for_a_missing_action(client, f):
    for user in (f.around.volunteer, f.around.coordinator):
        client.force_login(user)
        theirs = client.get(page(f.action))
        missing = client.get(reverse("mdt:follow_action_done", args=[2147483647]))
        assert theirs.status_code == missing.status_code == 404
        assert f.around.person.family_name not in theirs.content.decode()
    assert AuditEvent.objects.filter(action="denied:mdt_action_opened").count() == 4


def test_the_home_panel_lists_open_actions_in_a_fixed_number_of_queries(client, f, django_assert_max_num_queries):
    client.force_login(f.around.named_worker)
    client.get(reverse("home"))  # warm the session and caches

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        return len(queries)

    one = count()
    for _ in range(5):
        item = ItemFactory(meeting=f.meeting)
        ActionFactory(item=item, owner=f.around.named_worker, due=timezone.localdate() - timedelta(days=1))
    assert count() == one
    html = client.get(reverse("home")).content.decode()
    assert "Actions from MDT meetings" in html
    assert html.count("Overdue</strong>") == 5
    assert f.around.person.full_name in html


def test_done_in_another_tab_shows_it_done_and_keeps_what_was_typed(client, f):
    client.force_login(f.around.named_worker)
    from alongside.core.tests.requests import acting_as
    from alongside.mdt import actions_follow

    actions_follow.complete(
        acting_as(f.around.named_worker), f.action.pk, outcome=OUTCOME, told_volunteer=WORDS_FOR_VOLUNTEER, version=1
    )
    html = client.post(page(f.action), written(f.action, confirm="1", outcome="Other words")).content.decode()
    assert "This action was already done" in html and "Other words" in html
    assert Alert.objects.filter(recipient=f.around.volunteer).count() == 1


def test_both_boxes_are_checked_as_typed_and_on_saving_and_the_check_page_carries_what_was_shown(client, f):
    client.force_login(f.around.named_worker)
    html = client.get(page(f.action)).content.decode()
    assert html.count(f'hx-post="{reverse("language:check")}"') == 2  # the as-you-type check on both boxes
    assert 'name="language_shown-outcome"' in html and 'name="language_shown-told_volunteer"' in html
    words = "He is non-compliant with his tablets"
    shown = {"language_shown-outcome": "noncompliant", "language_shown-told_volunteer": ""}
    check = client.post(page(f.action), written(f.action, outcome=words, **shown)).content.decode()
    assert 'name="language_shown-outcome" value="noncompliant"' in check
    assert 'name="language_shown-told_volunteer"' in check
    done = client.post(page(f.action), written(f.action, outcome=words, confirm="1", **shown), follow=True)
    assert Action.objects.get(pk=f.action.pk).outcome == words  # saved as written, never blocked
    assert "You could also write" in done.content.decode()


def test_the_done_page_says_what_came_of_it_once(client, f):
    client.force_login(f.around.named_worker)
    client.post(page(f.action), written(f.action, confirm="1"))
    html = client.get(page(f.action)).content.decode()
    assert html.count(">What came of it<") == 1 and OUTCOME in html


def test_the_home_panel_tags_what_is_due_today_and_says_what_each_link_does(client, f):
    client.force_login(f.around.named_worker)
    Action.objects.filter(pk=f.action.pk).update(due=timezone.localdate())
    html = client.get(reverse("home")).content.decode()
    assert "Due today</strong>" in html and "Overdue</strong>" not in html
    link = f'<a href="{page(f.action)}">Complete this action<span class="nhsuk-u-visually-hidden">: '
    assert link + f"{f.action.what}, for {f.around.person.full_name}</span></a>" in html
