"""The ward's settings: a page showing them to the ward's team (its team leader and nurses), and for its team
leader a form to change them, checked before saving. Anyone else gets the site's missing page, audited, exactly as
for a ward that does not exist. Every change is made by actions_settings."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.core import audit
from alongside.core.access import Policy, access
from alongside.core.forms import EditConflict, earlier_submission, once, typed_again
from alongside.partners.roles import leads_team
from alongside.people.access import record_denied

from . import actions_settings as actions
from . import queries_settings as queries
from .forms_settings import SettingsForm, as_percentage, initial, too_few_beds
from .models import Ward

T = "virtual_ward/settings/"
# Any signed-in user reaches the views, which answer the site's missing page (audited) to anyone outside the ward's
# team, and for the form to anyone but its team leader: a role refusal (403) would tell others the page exists.
WARD_TEAM = Policy(
    "virtual ward team",
    "Any signed-in user; the view answers 404 like a missing page, audited, unless they give care in the ward's "
    "team (and, to change the settings, lead it).",
)


def _ward(request, ward_id: int, what: str, *, leader: bool = False) -> Ward:
    ward = queries.ward_seen(request, ward_id)
    if ward is None or (leader and not leads_team(request, ward.team_id)):
        record_denied(request, what, None, object_type="ward", object_id=ward_id)
        raise Http404
    return ward


def _shown(ward: Ward) -> dict:
    """The ward's settings as the pages show them."""
    return {
        "practices": queries.practice_names(ward),
        "registered_population": ward.registered_population,
        "population_source": ward.population_source,
        "baseline_admissions_per_year": ward.baseline_admissions_per_year,
        "baseline_source": ward.baseline_source,
        "target": as_percentage(ward.target_deflection),
        "beds": ward.beds,
        "decision_hours": ward.decision_hours,
        "episode_hours": ward.episode_hours,
    }


@access(WARD_TEAM)
def settings(request, ward_id: int):
    ward = _ward(request, ward_id, "ward_settings_viewed")
    audit.record(request, "ward_settings_viewed", object_type="ward", object_id=ward.pk)
    return render(
        request,
        T + "page.jinja",
        {"ward": ward, "shown": _shown(ward), "leads": leads_team(request, ward.team_id)},
    )


def _stage(request, form) -> str:
    """Which step this is: "write" (the form), "check" (check your answers) or "send" (confirmed and valid)."""
    if request.method != "POST" or "change" in request.POST or not form.is_valid():
        return "write"
    return "send" if "confirm" in request.POST else "check"


def _chosen(practices: list[tuple[int, str]], chosen_ids: list[int], saved_ids: list[int], now: dict) -> list[str]:
    """The practices chosen, A to Z as the form lists them; exactly the saved names when the same practices are
    chosen (compared as sets), so that the check page says no "Was"."""
    if set(chosen_ids) == set(saved_ids):
        return now["practices"]
    return [name for pk, name in practices if pk in set(chosen_ids)]


@access(WARD_TEAM)
def change(request, ward_id: int):
    ward = _ward(request, ward_id, "ward_settings_opened", leader=True)
    back = reverse("virtual_ward:settings", args=[ward.pk])
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)
    practices = queries.gp_practices()
    saved_ids = queries.practice_ids(ward)
    occupied = queries.people_on_ward(ward) if request.method == "POST" else 0
    form = SettingsForm(
        request.POST or None,
        practices=practices,
        occupied=occupied,
        saved_beds=ward.beds,
        initial=initial(ward, saved_ids),
    )
    stage = _stage(request, form)
    conflict = None
    if stage == "send":
        data = form.cleaned_data
        new = actions.Settings(
            practice_ids=tuple(data["practices"]),
            registered_population=data["registered_population"],
            population_source=data["population_source"],
            baseline_admissions_per_year=data["baseline_admissions_per_year"],
            baseline_source=data["baseline_source"],
            target_deflection=data["target"],
            beds=data["beds"],
            decision_hours=data["decision_hours"],
            episode_hours=data["episode_hours"],
        )
        said: dict = {}

        def save() -> str:
            said["changed"] = actions.change_settings(request, ward.pk, new, data["version"])
            return back

        try:
            url, made = once(request.user, data["form_key"], save)
        except actions.Refused:
            raise Http404 from None
        except actions.TooFewBeds as too_few:
            form.add_error("beds", too_few_beds(too_few.people))
            stage = "write"
        except EditConflict as changed:
            again = request.POST.copy()
            again["version"] = str(changed.current.version)
            conflict = _shown(changed.current)
            form = SettingsForm(again, practices=practices, occupied=occupied, saved_beds=changed.current.beds)
            form.is_valid()
            stage = "write"
        else:
            if made and said.get("changed"):
                messages.success(request, "The ward's settings are saved")
            elif made:
                messages.info(request, "Nothing changed: the settings were already as you set them.")
            return redirect(url)
    else:
        audit.record(request, "ward_settings_opened", object_type="ward", object_id=ward.pk)
    now = _shown(ward)
    return render(
        request,
        T + "change.jinja",
        {
            "ward": ward,
            "form": form,
            "stage": stage,
            "conflict": conflict,
            "has_errors": form.is_bound and (bool(form.errors) or conflict is not None),
            "again": typed_again(request) if stage == "check" else [],
            "now": now,
            "chosen": _chosen(practices, form.cleaned_data.get("practices", []), saved_ids, now)
            if stage == "check"
            else [],
            "saved_ids": saved_ids,
            "as_percentage": as_percentage,
            "back": back,
        },
    )
