"""The standards part's page: an administrator sets the address of another directory's feed and imports it."""

from django.contrib import messages
from django.shortcuts import redirect, render

from alongside.core.access import access
from alongside.partners.access import ADMINISTRATION

from . import actions_standards, standards_queries
from .forms_standards import FeedForm


@access(ADMINISTRATION)
def feed(request):
    source = standards_queries.feed_source()
    form = FeedForm(request.POST or None, initial={"url": source.url if source else ""})
    if request.method == "POST" and form.is_valid():
        url = form.cleaned_data["url"]
        imported = actions_standards.set_feed_and_import(request.user, frozenset(request.roles), url)
        if imported.problems:
            count = len(imported.problems)
            messages.error(request, f"Nothing was imported: the feed has {count} problem{'s' if count != 1 else ''}")
        else:
            messages.success(request, "The feed was imported")
        return redirect("directory:feed")
    runs = standards_queries.latest_runs()
    return render(
        request,
        "directory/feed.jinja",
        {"form": form, "has_errors": bool(form.errors), "runs": runs, "source": source},
    )
