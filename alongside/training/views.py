"""The training pages: your own training, recording a course you finished, a team's coverage (and recording for
a member of the team), and the courses (with an administrator's own)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import SIGNED_IN, access, roles
from alongside.core.forms import EditConflict, earlier_submission, once, typed_again
from alongside.core.numbers import whole_number
from alongside.partners.models import Role, Team

from . import actions, queries, who
from .expiry import DUE_SOON_DAYS, WORDS, expires_on
from .forms import SAME_DAY, CorrectForm, CourseForm, RecordForm, RetireForm

STAFF = roles(*sorted(who.STAFF_ROLES), name="staff")
ADMINS = roles(Role.ADMIN, name="administrators")


def _team(request, team_id) -> Team:
    """The team, for those who may see its training; anyone else gets the site's 404, as for no such team."""
    team = queries.team(team_id)
    if team is None or not who.sees_team(request, team):
        raise Http404
    return team


@access(STAFF)
def mine(request):
    found = queries.own(request.user, who.staff_organisation_ids(request), who.staff_roles(request))
    return render(
        request,
        "training/mine.jinja",
        {"courses": found, "words": WORDS, "soon": DUE_SOON_DAYS, "today": timezone.localdate(), "may_change": True},
    )


@access(SIGNED_IN)
def member(request, team_id, user_id):
    """A member of staff's own training, for the team's leader or an administrator: to put a record right."""
    the_team = _team(request, team_id)
    if not who.manages(request, the_team):
        raise Http404
    staff = next((m for m in queries.staff_of([the_team.pk]).get(the_team.pk, []) if m.user_id == user_id), None)
    if staff is None:
        raise Http404
    found = queries.own(user_id, [the_team.organisation_id], staff.roles, recorded_in=the_team.organisation_id)
    return render(
        request,
        "training/mine.jinja",
        {
            "courses": found,
            "words": WORDS,
            "soon": DUE_SOON_DAYS,
            "today": timezone.localdate(),
            "whose": staff.name,
            "team": the_team,
            "may_change": True,
        },
    )


def _changeable(request, pk):
    """The record and its owner's teams, for whoever may put it right (its owner, or a leader or administrator in
    the organisation it was made in); anyone else gets the site's 404."""
    record = queries.record_of(pk)
    if record is None:
        raise Http404
    teams = queries.staff_teams_of(record.user_id)
    if not actions.may_change(request, record, teams):
        raise Http404
    return record, teams


def _back(request, record, teams) -> str:
    if record.user_id == request.user.pk:
        return reverse("training:mine")
    team = actions.managing_teams(request, record, teams)[0]
    return reverse("training:member", args=[team.pk, record.user_id])


@access(SIGNED_IN)
def change_record(request, pk):
    """Put right the day a course was finished; a change that crosses another is shown, with what was typed."""
    record, teams = _changeable(request, pk)
    back = _back(request, record, teams)
    day = record.completed_on
    initial = {"version": record.version, "completed_day": day.day, "completed_month": day.month}
    form = CorrectForm(request.POST or None, initial=initial | {"completed_year": day.year}, record=record)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct(
                request, record, form.cleaned_data["version"], completed=form.cleaned_data["completed"], teams=teams
            )
        except EditConflict as changed:
            conflict = True
            data = form.data.copy()
            data["version"] = str(changed.current.version)
            record = changed.current
            form = CorrectForm(data, record=record)
            form.is_valid()
        except actions.SameDayRecorded:
            form.add_error("completed_day", SAME_DAY)
        else:
            messages.success(request, "Training record changed.")
            return redirect(back)
    return render(
        request,
        "training/change_record.jinja",
        {
            "record": record,
            "form": form,
            "back": back,
            "own": record.user_id == request.user.pk,
            "conflict": conflict,
            "has_errors": bool(form.errors) or conflict,
        },
    )


@access(SIGNED_IN)
def delete_record(request, pk):
    """Check, then take away a record entered by mistake. Pressed twice, the second press finds it gone."""
    record = queries.record_of(pk)
    if record is None and request.method == "POST":
        messages.success(request, "Training record deleted.")
        return redirect("training:mine")
    record, teams = _changeable(request, pk)
    back = _back(request, record, teams)
    if request.method == "POST":
        try:
            actions.delete(request, record, whole_number(request.POST.get("version", "")) or 0, teams=teams)
        except EditConflict:
            messages.success(request, "Someone changed this record while you were on the page. Check it again")
            return redirect("training:delete_record", pk=record.pk)
        messages.success(request, "Training record deleted.")
        return redirect(back)
    return render(
        request,
        "training/delete_record.jinja",
        {"record": record, "back": back, "own": record.user_id == request.user.pk},
    )


@access(SIGNED_IN)
def team(request, team_id):
    the_team = _team(request, team_id)
    names = who.manages(request, the_team)
    found = queries.coverage(the_team, request.user.pk, names)
    return render(
        request,
        "training/team.jinja",
        {
            "team": the_team,
            "coverage": found,
            "names": names,
            "words": WORDS,
            "soon": DUE_SOON_DAYS,
            "staff": queries.staff_of([the_team.pk]).get(the_team.pk, []) if names else [],
        },
    )


@access(STAFF)
def record_own(request):
    return _record(request, None)


@access(SIGNED_IN)
def record_member(request, team_id):
    the_team = _team(request, team_id)
    if not who.manages(request, the_team):
        raise Http404
    return _record(request, the_team)


def _record(request, team):
    """The form, then check your answers, then save once; "Change" goes back to the form as typed."""
    if team is None:
        courses, members = queries.courses_for(who.staff_organisation_ids(request)), None
        back = reverse("training:mine")
    else:
        courses = queries.courses_for([team.organisation_id])
        members = queries.staff_of([team.pk]).get(team.pk, [])
        back = reverse("training:team", args=[team.pk])
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    form = RecordForm(request.POST or None, courses=courses, members=members, me=request.user.pk)
    if request.method == "POST" and request.POST.get("change") != "yes" and form.is_valid():
        data = form.cleaned_data
        user_id = data.get("member", request.user.pk)
        if request.POST.get("confirm") == "yes":

            def save():
                actions.record(
                    request, user_id=user_id, course=form.chosen_course, completed=data["completed"], team=team
                )
                return back

            try:
                url, _ = once(request.user, data["form_key"], save)
            except PermissionDenied:
                raise Http404 from None
            messages.success(request, "Training recorded.")
            return redirect(url)
        return render(
            request,
            "training/check.jinja",
            {
                "team": team,
                "back": back,
                "name": form.names.get(user_id) if team else None,
                "course": form.chosen_course,
                "completed": data["completed"],
                "expires": expires_on(data["completed"], form.chosen_course.valid_months),
                "raw": typed_again(request),
                "own": user_id == request.user.pk,
            },
        )
    return render(
        request,
        "training/record.jinja",
        {
            "form": form,
            "team": team,
            "back": back,
            "has_errors": request.POST.get("change") != "yes" and bool(form.errors),
        },
    )


@access(STAFF)
def courses(request):
    organisations = who.staff_organisation_ids(request)
    administers = who.admin_organisation_ids(request)
    return render(
        request,
        "training/courses.jinja",
        {
            "courses": queries.courses_for(organisations),
            "may_add": bool(administers),
            "administers": administers,
            "retired": queries.retired_for(administers),
        },
    )


@access(ADMINS)
def retire_course(request, course_id):
    """Check, then retire a course for one of the administrator's organisations: it is no longer offered or to do
    there. An organisation's own course is retired for that organisation; a shipped one for the organisation the
    administrator chooses, when they administer more than one. Another organisation's course is the site's 404."""
    course, may, retired = queries.course_to_retire(course_id, who.admin_organisation_ids(request))
    if course is None:
        raise Http404
    still = [o for o in may if o.pk not in retired]
    posted = whole_number(request.POST.get("organisation", "")) if request.method == "POST" else None
    if not still or posted in retired:  # retired already (a second press finds it done)
        messages.success(request, f"{course.name} is already retired.")
        return redirect("training:courses")
    data = request.POST if request.method == "POST" else None
    form = RetireForm(data, organisations=still, asked=len(may) > 1)
    if request.method == "POST" and form.is_valid():
        actions.retire_course(request, organisation_id=form.chosen, course=course)
        messages.success(request, f"{course.name} is retired. Nobody will be asked to do it from now on.")
        return redirect("training:courses")
    return render(
        request, "training/retire_course.jinja", {"course": course, "form": form, "has_errors": bool(form.errors)}
    )


@access(ADMINS)
def new_course(request):
    """The form, then check your answers (every member of staff will see the course as one to do), then add it
    once; "Change" goes back to the form as typed."""
    mine = who.admin_organisation_ids(request)
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    form = CourseForm(request.POST or None, taken=queries.course_names(mine), organisations=queries.organisations(mine))
    changing = request.POST.get("change") == "yes"
    if request.method == "POST" and not changing and form.is_valid():
        data, organisation = form.cleaned_data, form.chosen_organisation
        if request.POST.get("confirm") != "yes":
            context = {"data": data, "raw": typed_again(request), "organisation": organisation}
            return render(request, "training/check_course.jinja", context | {"asked": len(form.organisations) > 1})

        def save():
            actions.add_course(
                request,
                organisation_id=organisation.pk,
                name=data["name"],
                covers=data["covers"],
                valid_months=data["valid_months"],
            )
            return reverse("training:courses")

        url, _ = once(request.user, data["form_key"], save)
        whose = "your organisation's" if len(form.organisations) == 1 else f"{organisation.name}'s"
        messages.success(request, f"{data['name']} added to {whose} courses.")
        return redirect(url)
    return render(
        request, "training/new_course.jinja", {"form": form, "has_errors": not changing and bool(form.errors)}
    )
