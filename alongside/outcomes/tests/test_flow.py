"""The questionnaire's pages and the trend page's charts, read from the definitions: every question the scoring
counts is asked, with the definition's own options; whatever a form sends, only an offered answer is kept; and any
run of responses draws charts whose sentence matches the change."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.outcomes import flow, instruments, scoring, trends
from alongside.outcomes.actions import score_against

SHIPPED = instruments.shipped()


def test_every_scored_question_is_asked_with_its_options_in_order():
    for code, instrument in SHIPPED.items():
        if instrument.items_per_person:
            continue
        asked = flow.questions(instrument)
        assert [q.link_id for q in asked] == list(instrument.items), code
        for q in asked:
            assert [v for v, _ in q.options] == sorted(v for v, _ in q.options)
            assert all(instrument.scale_min <= v <= instrument.scale_max for v, _ in q.options)
    assert flow.questions(SHIPPED["phq-9"])[0].options[1] == (1, "Several days")
    assert flow.lead_in(SHIPPED["phq-9"]).startswith("Over the last 2 weeks")


@settings(deadline=None)  # a busy machine must not fail a test of what, not how fast
@given(st.lists(st.tuples(st.text(min_size=1, max_size=5), st.text(min_size=1, max_size=40)), max_size=6))
def test_goal_questions_are_the_persons_own_goals_up_to_the_maximum(goals):
    gbo = SHIPPED["gbo"]
    asked = flow.questions(gbo, goals)
    assert [q.link_id for q in asked] == [f"goal-{key}" for key, _ in goals[: gbo.max_person_items]]
    assert [q.text for q in asked] == [words for _, words in goals[: gbo.max_person_items]]


@settings(deadline=None)  # a busy machine must not fail a test of what, not how fast
@given(st.sampled_from(sorted(SHIPPED)), st.one_of(st.none(), st.text(max_size=12), st.integers().map(str)))
def test_only_an_offered_answer_is_ever_kept(code, sent):
    for question in flow.questions(SHIPPED[code], [("1", "A goal")]):
        value = flow.parse(question, sent)
        assert value is None or question.words_for(value)


@settings(deadline=None)  # a busy machine must not fail a test of what, not how fast
@given(st.dictionaries(st.text(max_size=8), st.one_of(st.integers(-5, 15), st.text(max_size=3)), max_size=12))
def test_kept_answers_fit_the_questions_and_the_first_unanswered_follows_them(answers):
    asked = flow.questions(SHIPPED["gad-7"])
    kept = flow.kept(asked, answers)
    assert set(kept) <= {q.link_id for q in asked}
    number = flow.first_unanswered(asked, kept)
    assert all(q.link_id in kept for q in asked[: number - 1])
    assert number == len(asked) + 1 or asked[number - 1].link_id not in kept


@settings(deadline=None)  # a busy machine must not fail a test of what, not how fast
@given(st.lists(st.integers(0, 3), min_size=1, max_size=12))
def test_a_run_of_phq9_totals_draws_a_chart_whose_sentence_matches_the_change(levels):
    phq9 = SHIPPED["phq-9"]
    start = datetime(2025, 1, 6, 10, tzinfo=UTC)
    responses, previous = [], None
    for n, level in enumerate(levels):
        answers = {link_id: level for link_id in phq9.items}
        scored = score_against(phq9, answers, previous)
        previous = SimpleNamespace(answers=answers)
        responses.append(
            SimpleNamespace(
                pk=n, instrument="phq-9", total=scored.total, band=scored.band, items=scored.items, goals={},
                completed_at=start + timedelta(days=30 * n),
            )
        )  # fmt: skip
    [shown] = trends.outcomes(responses, SHIPPED)
    summary = shown.charts[0].trend.summary
    change = scoring.classify(levels[0] * 9, levels[-1] * 9, phq9.reliable_change.threshold, True)
    if len(levels) == 1:
        assert summary.startswith("One measure so far")
    else:
        expected = {"improved": "Reliably improved", "deteriorated": "Reliably worse"}.get(change, "No reliable change")
        assert summary.startswith(expected)
    assert len(shown.charts[0].trend.rows) == len(levels)
