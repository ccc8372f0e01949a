from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core import registry
from alongside.core.access import SIGNED_IN, access
from alongside.core.forms import EditConflict, earlier_submission, once

from . import actions, handover, queries
from .access import ADMINISTRATION
from .forms import (
    EditOrganisationForm,
    EditTeamForm,
    EndMembershipForm,
    FindMemberForm,
    NewMembershipForm,
    NewOrganisationForm,
    NewTeamForm,
)
from .models import Organisation, Role, Team


@access(ADMINISTRATION)
def organisations(request):
    kind = request.GET.get("kind", "")
    rows = queries.organisations(kind if kind in Organisation.Kind.values else None)
    return render(
        request,
        "partners/organisations.jinja",
        {"organisations": rows, "kinds": Organisation.Kind.choices, "kind": kind},
    )


@access(ADMINISTRATION)
def organisation(request, pk):
    org = _found(queries.organisation(pk))
    return render(request, "partners/organisation.jinja", {"organisation": org, "teams": queries.teams_of(org)})


@access(ADMINISTRATION)
def new_organisation(request):
    if request.method == "POST" and (previous := earlier_submission(request)):
        return _already_done(request, previous)
    form = NewOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        url, made = once(
            request.user,
            form.cleaned_data["form_key"],
            lambda: _url("partners:organisation", actions.create_organisation(request, form.cleaned_data)),
        )
        messages.success(request, "Organisation added" if made else "This organisation was already added")
        return redirect(url)
    return render(
        request,
        "partners/organisation_form.jinja",
        {"form": form, "has_errors": bool(form.errors), "title": "Add an organisation"},
    )


@access(ADMINISTRATION)
def edit_organisation(request, pk):
    org = _found(queries.organisation_to_change(pk))
    return _edit(request, org, EditOrganisationForm, actions.update_organisation, "partners:organisation")


@access(ADMINISTRATION)
def teams(request):
    return render(request, "partners/teams.jinja", {"teams": queries.teams()})


@access(SIGNED_IN)
def my_teams(request):
    rows = queries.teams({m.team_id for m in request.memberships})
    return render(request, "partners/teams.jinja", {"teams": rows, "mine": True})


def _visible_team(request, pk) -> Team:
    """Administrators see every team; anyone else sees only teams they belong to. Others look missing."""
    team = _found(queries.team(pk))
    if Role.ADMIN not in request.roles and not any(m.team_id == team.id for m in request.memberships):
        raise Http404
    return team


@access(SIGNED_IN)
def team(request, pk):
    team = _visible_team(request, pk)
    members = queries.members_of(team)
    now = timezone.now()
    active = [m for m in members if m.started_at <= now and (m.ended_at is None or m.ended_at > now)]
    ended = [m for m in members if m.ended_at is not None and m.ended_at <= now]
    return render(
        request,
        "partners/team.jinja",
        {
            "team": team,
            "active": active,
            "ended": ended,
            "may_manage": actions.may_manage_team(request, team),
            "panels": _team_panels(request, team),
        },
    )


def _team_panels(request, team) -> list[tuple[str, dict]]:
    """What each capability shows of the team to this user: standards, climate, supervision, training and more."""
    panels = []
    for panel in registry.team_panels():
        context = panel.context(request, team)
        if context is not None:
            panels.append((panel.template, context))
    return panels


@access(ADMINISTRATION)
def new_team(request):
    initial = {"organisation": request.GET.get("organisation")}
    if request.method == "POST" and (previous := earlier_submission(request)):
        return _already_done(request, previous)
    form = NewTeamForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        url, made = once(
            request.user,
            form.cleaned_data["form_key"],
            lambda: _url("partners:team", actions.create_team(request, form.cleaned_data)),
        )
        messages.success(request, "Team added" if made else "This team was already added")
        return redirect(url)
    return render(
        request, "partners/team_form.jinja", {"form": form, "has_errors": bool(form.errors), "title": "Add a team"}
    )


@access(ADMINISTRATION)
def edit_team(request, pk):
    team = _found(queries.team_to_change(pk))
    return _edit(request, team, EditTeamForm, actions.update_team, "partners:team")


def _edit(request, record, form_class, update, done: str):
    """The edit page for an organisation or a team. A stale save shows both versions and keeps what was typed."""
    kind = record._meta.model_name
    initial = model_to_dict(record, fields=list(form_class.base_fields))
    form = form_class(request.POST or None, initial=initial, instance=record)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            update(request, record, form.cleaned_data, form.cleaned_data["version"])
        except EditConflict as error:
            conflict = error.current
            form = _with_new_version(form_class, request.POST, conflict.version, instance=record)
        else:
            messages.success(request, f"{kind.capitalize()} updated")
            return redirect(done, pk=record.pk)
    return render(
        request,
        f"partners/{kind}_form.jinja",
        {
            "form": form,
            kind: record,
            "conflict": conflict,
            "has_errors": bool(form.errors) or conflict is not None,
            "title": f"Change {record.name}",
        },
    )


@access(SIGNED_IN)
def new_membership(request, pk):
    """Find someone by name (any part of their first name, last name or username, any case; a close spelling if
    nothing else is found), choose them from the list, and give them a role in the team."""
    team = _visible_team(request, pk)
    if not actions.may_manage_team(request, team):
        raise PermissionDenied
    if request.method == "POST" and (previous := earlier_submission(request)):
        return _already_done(request, previous)
    typed = request.POST.get("q") if request.method == "POST" else request.GET.get("q")
    finding = FindMemberForm({"q": typed} if typed is not None else None)
    found = queries.users_named(finding.cleaned_data["q"]) if finding.is_valid() else []
    candidates = found[: queries.USERS_SHOWN]
    form = NewMembershipForm(
        request.POST or None, team=team, may_make_admins=Role.ADMIN in request.roles, candidates=candidates
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        url, made = once(
            request.user,
            data["form_key"],
            lambda: _team_url(actions.add_membership(request, team, data["user"], data["role"])),
        )
        messages.success(
            request,
            f"{data['user'].display_name} added to {team.name}" if made else "This membership was already added",
        )
        return redirect(url)
    return render(
        request,
        "partners/membership_form.jinja",
        {
            "finding": finding,
            "form": form,
            "team": team,
            "searched": finding.is_bound and finding.is_valid(),
            "more": len(found) > len(candidates),
            "has_errors": bool(form.errors) or (finding.is_bound and bool(finding.errors)),
        },
    )


@access(SIGNED_IN)
def end_membership(request, pk):
    """End a membership, with a reason. When the member is named worker for people who would be left without one
    (`handover`), the page names them, offers the page to choose a new named worker for each, and ends it only when
    none are left or the manager confirms that they will have none for now."""
    membership = _found(queries.membership(pk))
    team = _visible_team(request, membership.team_id)
    if not actions.may_manage_team(request, team):
        raise PermissionDenied
    if membership.ended_at is not None:
        messages.success(request, "This membership has already ended")
        return redirect("partners:team", pk=team.pk)
    left = handover.people_left(request, membership)
    form = EndMembershipForm(request.POST or None, people_left=left.count if left else 0)
    if request.method == "POST" and form.is_valid():
        actions.end_membership(request, membership, form.cleaned_data["reason"], people_left=left.count if left else 0)
        messages.success(
            request,
            f"{membership.user.display_name} is no longer {membership.get_role_display()} "
            f"in {team.name}. This takes effect straight away.",
        )
        return redirect("partners:team", pk=team.pk)
    return render(
        request,
        "partners/end_membership.jinja",
        {"form": form, "membership": membership, "team": team, "left": left, "has_errors": bool(form.errors)},
    )


def _found(record):
    """The record read, or 404 if there is none."""
    if record is None:
        raise Http404
    return record


def _already_done(request, url):
    messages.success(request, "This was already saved: you may have pressed the button twice")
    return redirect(url)


def _url(name, obj) -> str:
    return reverse(name, args=[obj.pk])


def _team_url(membership) -> str:
    return reverse("partners:team", args=[membership.team_id])


def _with_new_version(form_class, post, version, instance):
    """Keep everything the user typed, but take the stored version so that saving again is deliberate."""
    data = post.copy()
    data["version"] = str(version)
    form = form_class(data, instance=instance)
    form.is_valid()
    return form
