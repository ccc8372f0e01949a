"""The check on saving, for any form whose free text staff write about a person: called by the view after the form
is valid and the words are saved. It never blocks: the words are saved as written, and what could be written
instead is shown on the next page, in an inset ("You could also write ..."). It adds to the writer's teams' counts
of suggestions shown while writing and taken before saving (counts only).

Only for staff writing about someone: the person's own words, and their proxy's, are their story, in their words,
so the views where they write do not call this (docs/guides/plain-words-and-hope.md, "For writers").
"""

import logging

from django.contrib import messages
from django.db import DatabaseError
from django.utils.html import format_html, format_html_join

from . import counting, writing
from . import rules as wording

logger = logging.getLogger(__name__)
FIELD_KEPT = "language_shown-{}"  # the hidden input, per field, that the check fills in with what it showed


def after_saving(request, form, fields: list[str]) -> list[writing.Offer]:
    """What could be written instead in the saved `fields` of the valid `form`, shown on the next page; and the
    writer's tally added to their teams' counts for this month. Returns the offers. The words are already saved:
    if this fails, it is logged and the writer sees the page as if nothing was found."""
    try:
        return _after_saving(request, form, fields)
    except DatabaseError:
        logger.exception("The check of words on saving failed; the words were saved")
        return []


def _after_saving(request, form, fields: list[str]) -> list[writing.Offer]:
    found: list[writing.Offer] = []
    shown = taken = 0
    in_force, local_terms = wording.in_force(), wording.local_terms_for(request)
    for name in fields:
        text = form.cleaned_data.get(name) or ""
        now = writing.offers(text, in_force, local_terms)
        tally = writing.tally(writing.kept(form.data.get(FIELD_KEPT.format(form[name].html_name))), now)
        shown, taken = shown + tally.shown, taken + tally.taken
        found += now
    teams = {membership.team_id for membership in getattr(request, "memberships", ())}
    counting.add(teams, writing.Tally(shown, taken))
    if found:
        messages.info(request, inset(found), extra_tags="inset")
    return found


def inset(found: list[writing.Offer]):
    """The words shown after saving: each thing found, what to write instead, and why."""
    items = format_html_join(
        "",
        "<li>{}</li>",
        ((line(offer),) for offer in _once(found)),
    )
    return format_html(
        '<h2 class="nhsuk-heading-s">You could also write</h2><ul class="nhsuk-list nhsuk-list--bullet">{}</ul>'
        '<p class="nhsuk-body-s">Your words were saved as you wrote them.</p>',
        items,
    )


def line(offer: writing.Offer):
    if offer.ambiguous:
        return format_html("{}.", offer.why)
    return format_html("“{}”: you could write “{}”. {}", offer.found, offer.instead, offer.why)


def _once(found: list[writing.Offer]) -> list[writing.Offer]:
    seen: set[tuple[str, str]] = set()
    once = []
    for offer in found:
        if (offer.key, offer.found.lower()) not in seen:
            seen.add((offer.key, offer.found.lower()))
            once.append(offer)
    return once
