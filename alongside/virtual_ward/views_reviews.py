"""The virtual ward's reviews pages: record a review (observations, their NEWS2 on a check page, the escalation
prompt) and an episode's reviews with the NEWS2 trend chart.

Recording is for the ward's team while the episode is open. Reading is for the ward's team and, read-only, for
anyone the person's record lets read their care: the person and their proxy read it in plain words. Anything else
answers "Page not found", exactly as for an episode that does not exist.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import PERSON_RECORD, access
from alongside.core.forms import earlier_submission, once, typed_again
from alongside.language.on_save import after_saving
from alongside.people.access import acting, record, record_denied
from alongside.people.policy import Acting, Basis

from . import actions_reviews, chart_reviews, news2, queries_reviews
from . import words_reviews as words
from .forms_reviews import EscalationForm, ReviewForm


def _scored(score: news2.Score, obs: news2.Observations, plain: bool = False) -> list[dict]:
    """Each reading with its score, in the chart's order."""
    values = {
        "respiration_rate": obs.respiration_rate,
        "spo2": obs.spo2,
        "on_oxygen": obs.on_oxygen,
        "systolic_bp": obs.systolic_bp,
        "pulse": obs.pulse,
        "consciousness": obs.consciousness.value if obs.consciousness else None,
        "temperature": obs.temperature,
    }
    return [
        {
            "name": name,
            "label": words.READINGS[name].plain if plain else words.READINGS[name].label,
            "text": words.reading_text(name, values[name], obs.spo2_scale, plain),
            "score": score.parts.get(name),
        }
        for name in news2.PARAMETERS
    ]


def _summary(score: news2.Score) -> dict:
    return {
        "total": words.total_words(score.total, score.at_least, score.missing),
        "response": score.response,
        "response_words": words.RESPONSE[score.response] if score.response else words.UNKNOWN,
        "tag": words.TAG[score.response],
        "tag_words": words.TAG_WORDS[score.response],
        "escalation": words.escalation(score.at_least, score.any_three),
        "complete": score.complete,
    }


def _response_words(response: news2.Response | None, plain: bool) -> str:
    if response is None:
        return words.UNKNOWN_PLAIN if plain else words.UNKNOWN
    return (words.RESPONSE_PLAIN if plain else words.RESPONSE)[response]


@access(PERSON_RECORD)  # outsiders get the missing page, audited below, never a role refusal (403)
def review_new(request, episode_id):
    """The observations, then a check page with their NEWS2 and what to do; saved once, by the ward's team."""
    episode = actions_reviews.may_review(request, episode_id)
    if episode is None or episode.ended_at is not None:
        record_denied(request, "ward_review_opened", episode.person_id if episode else None,
                      object_type="ward_episode", object_id=episode_id)  # fmt: skip
        raise Http404
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)
    if request.method == "GET":
        record(request, "ward_review_opened", episode.person_id, Basis.WARD_TEAM,
               object_type="ward_episode", object_id=episode.pk)  # fmt: skip
    form = ReviewForm(request.POST or None)
    escalation_form = EscalationForm(request.POST if "confirm" in request.POST else None)
    stage = "write"
    score = obs = None
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        obs = form.observations()
        score = news2.score(obs)
        stage = "check"
        prompt = words.escalation(score.at_least, score.any_three)
        if "confirm" in request.POST and (prompt == words.Escalation.NONE or escalation_form.is_valid()):
            data = form.cleaned_data
            done = escalation_form.cleaned_data.get("escalation", "") if prompt != words.Escalation.NONE else ""

            def create() -> str:
                actions_reviews.record_review(request, episode.pk, obs, data["note"], done)
                return reverse("virtual_ward:reviews", args=[episode.pk])

            try:
                url, made = once(request.user, data["form_key"], create)
            except (actions_reviews.NotAllowed, actions_reviews.Ended):
                raise Http404 from None
            messages.success(request, "Review saved")
            if made:  # what could be written instead, shown on the next page, never blocking
                after_saving(request, form, ["note"])
                if done:
                    after_saving(request, escalation_form, ["escalation"])
            return redirect(url)
    person = episode.person
    return render(
        request,
        "virtual_ward/reviews/new.jinja",
        {
            "episode": episode,
            "person": person,
            "form": form,
            "escalation_form": escalation_form,
            "stage": stage,
            "readings": _scored(score, obs) if score and obs else [],
            "summary": _summary(score) if score else None,
            "phone": episode.ward.team.phone,
            "typed": [(n, v) for n, v in typed_again(request) if n != "escalation"],
            "has_errors": bool(form.errors) or bool(escalation_form.errors),
        },
    )


@access(PERSON_RECORD)
def reviews(request, episode_id):
    """An episode's reviews, newest first, with the NEWS2 trend: the same number of queries however many."""
    readable = queries_reviews.readable_episode(request, episode_id, "ward_reviews_viewed")
    if readable is None:
        raise Http404
    episode = readable.episode
    found = queries_reviews.reviews_of(episode.pk)
    plain = not readable.as_ward_team and acting(request) != Acting.STAFF
    rows = []
    for review in found:
        obs = queries_reviews.observations_of(review)
        score = news2.score(obs)
        response = words.response_of(review.response)
        missing = score.missing
        rows.append(
            {
                "review": review,
                "readings": _scored(score, obs, plain),
                "total": words.total_words(review.news2, review.news2_at_least, missing, plain),
                "tag": words.TAG[response],
                "tag_words": words.TAG_WORDS[response],
                "response_words": _response_words(response, plain),
            }
        )
    now = timezone.now()
    end = episode.ended_at or min(now, episode.due_end_at)
    chart = chart_reviews.trend(
        "news2-trend",
        "NEWS2 score at each review" if not plain else "The score at each check",
        queries_reviews.points(found),
        timezone.localtime(episode.admitted_at),
        timezone.localtime(max(end, episode.admitted_at)),
        plain,
    )
    return render(
        request,
        "virtual_ward/reviews/list.jinja",
        {
            "episode": episode,
            "person": episode.person,
            "rows": rows,
            "chart": chart,
            "chart_rows": list(reversed(rows)),
            "overdue": readable.as_ward_team and queries_reviews.overdue(episode, found, now),
            "may_record": readable.as_ward_team and episode.ended_at is None,
            "plain": plain,
            "own": readable.basis == Basis.SELF,
        },
    )
