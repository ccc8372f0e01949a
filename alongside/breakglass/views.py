from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.audit import visits, wording
from alongside.core import audit
from alongside.core.access import access, roles
from alongside.core.forms import earlier_submission, once
from alongside.partners.roles import CARE_ROLES
from alongside.people.access import facts_for
from alongside.people.policy import Action, Category, decide

from . import actions, overdue
from .forms import ReviewForm, StartForm
from .models import DEFAULT_DURATION
from .reviews import first_events_under, review_days, review_queue, to_review, unusual_reads

CARE_STAFF = roles(*sorted(CARE_ROLES), name="care staff")
IG_REVIEWERS = roles("ig_reviewer")
REVIEWED_PAGE_SIZE = 25


@access(CARE_STAFF)
def start(request):
    """Find one person by exact NHS number and date of birth, give a reason, and open their record for a while."""
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, "This was already done: you may have pressed the button twice")
        return redirect(previous)
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        person_url = reverse("people:person", args=[person.pk])
        facts = facts_for(request, person)
        if facts.break_glass_active:
            messages.success(request, "You already have break-glass access to this record. It is not extended.")
            return redirect(person_url)
        if decide(facts, Action.READ, Category.CARE):
            messages.success(request, "You can already see this record, so break-glass was not needed")
            return redirect(person_url)

        started = []

        def begin():
            data = form.cleaned_data
            started.append(actions.start(request, person, data["reason_code"], data["reason_text"]))
            return person_url

        url, made = once(request.user, form.cleaned_data["form_key"], begin)
        until = timezone.localtime(started[0].expires_at) if started else None
        messages.success(
            request,
            f"You can see this record until {until:%H:%M} on {until:%-d %B}. "
            "Information governance will review your use of break-glass."
            if made
            else "This was already done: you may have pressed the button twice",
        )
        return redirect(url)
    if form.no_match:
        actions.record_no_match(request)
    return render(
        request,
        "breakglass/start.jinja",
        {"form": form, "has_errors": bool(form.errors), "hours": int(DEFAULT_DURATION.total_seconds() // 3600)},
    )


@access(IG_REVIEWERS)
def reviews(request):
    """Break-glass uses awaiting review, oldest first; below them, those already reviewed, newest first."""
    awaiting, already_reviewed = review_queue(request)
    reviewed = Paginator(already_reviewed, REVIEWED_PAGE_SIZE)
    page = reviewed.get_page(request.GET.get("page"))
    shown = [*awaiting, *page.object_list]
    audit.record(
        request,
        "break_glass_queue_viewed",
        object_type="break_glass",
        detail={"break_glass": [b.pk for b in shown], "people": sorted({b.person_id for b in shown})},
    )
    awaiting_rows = [row(b) for b in awaiting]
    return render(
        request,
        "breakglass/reviews.jinja",
        {
            "awaiting": awaiting_rows,
            "overdue": sum(1 for b in awaiting_rows if b["overdue"]),
            "page": page,
            "reviewed": [row(b) for b in page.object_list],
            "review_days": review_days(),
            "unusual_reads": unusual_reads(),
        },
    )


@access(IG_REVIEWERS)
def review(request, pk):
    break_glass = to_review(request, pk)
    if break_glass is None:
        raise Http404
    form = ReviewForm(request.POST or None) if break_glass.reviewed_at is None else None
    if form is not None and request.method == "POST" and form.is_valid():
        _, made = actions.review(request, break_glass, form.cleaned_data["outcome"], form.cleaned_data["note"])
        messages.success(request, "Review saved" if made else "Someone else reviewed this while you were writing")
        return redirect("breakglass:reviews")
    actions.record_review_opened(request, break_glass)
    # What they did, one line a sitting: "Looked at the person's record 25 times".
    done = [
        visits.Event(timezone.localtime(e.at), e.actor_id, e.action, e.basis) for e in first_events_under(break_glass)
    ]
    events = [
        {
            "when": wording.when_in_words(v.first, v.last),
            "what": wording.visit_in_words(v.actions, wording.ABOUT_SOMEONE),
        }
        for v in visits.visits(done)
    ]
    return render(
        request,
        "breakglass/review.jinja",
        {
            "b": row(break_glass),
            "events": events,
            "review_days": review_days(),
            "unusual_reads": unusual_reads(),
            "form": form,
            "has_errors": bool(form and form.errors),
        },
    )


def row(break_glass) -> dict:
    started = timezone.localdate(break_glass.started_at)
    today = timezone.localdate()
    waiting = break_glass.reviewed_at is None
    return {
        "review_due": overdue.review_due(started, review_days()),
        "overdue": waiting and overdue.is_overdue(started, today, review_days()),
        "days_late": overdue.working_days_late(started, today, review_days()) if waiting else 0,
        "many_reads": overdue.reads_are_unusual(break_glass.reads, unusual_reads()),
        "pk": break_glass.pk,
        "who": break_glass.user.display_name,
        "username": break_glass.user.username,
        "person": break_glass.person,
        "started_at": timezone.localtime(break_glass.started_at),
        "expires_at": timezone.localtime(break_glass.expires_at),
        "active": break_glass.is_active,
        "reason": break_glass.get_reason_code_display(),
        "reason_text": break_glass.reason_text,
        "reads": break_glass.reads,
        "reviewed_at": timezone.localtime(break_glass.reviewed_at) if break_glass.reviewed_at else None,
        "reviewed_by": break_glass.reviewed_by.display_name if break_glass.reviewed_by else "",
        "outcome": break_glass.get_outcome_display() if break_glass.outcome else "",
        "review_note": break_glass.review_note,
    }
