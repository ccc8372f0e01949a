"""The best times to visit someone: shown on their page (sections.visit_times) and changed here, by the person from
their own login or by staff who may record how best to communicate with them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.core.access import PERSON_RECORD, access
from alongside.core.forms import EditConflict
from alongside.people.access import open_record
from alongside.people.policy import Action, Category

from . import actions
from .forms import VisitTimesForm
from .preferences import visit_times_of


@access(PERSON_RECORD)
def edit_visit_times(request, pk):
    person, decision, _ = open_record(request, pk, Category.COMMUNICATION, "visit_times_opened", action=Action.WRITE)
    own = decision.basis in ("self", "proxy")
    record = visit_times_of(person)
    initial = {
        "days": [str(d) for d in record.days] if record else [],
        "parts": list(record.parts) if record else [],
        "words": record.words if record else "",
        "version": record.version if record else 0,
    }
    form = VisitTimesForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.save_visit_times(
                request,
                person,
                days=[int(d) for d in data["days"]],
                parts=list(data["parts"]),
                words=data["words"],
                version=data["version"],
            )
        except EditConflict as error:
            conflict = True
            post = request.POST.copy()
            post["version"] = str(error.current.version)
            form = VisitTimesForm(post)
            form.is_valid()
            form.add_error(None, "Someone changed these times while you were editing. Check them and save again")
        else:
            messages.success(request, "Best times to visit saved. Booking offers times that fit them first")
            return redirect(reverse("people:person", args=[person.pk]))
    return render(
        request,
        "continuity/visit_times_form.jinja",
        {
            "person": person,
            "form": form,
            "own": own,
            "has_errors": bool(form.errors),
            "conflict": conflict,
            "back": reverse("people:person", args=[person.pk]) + "#visit-times",
        },
    )
