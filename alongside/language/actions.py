"""Every change administrators make to the language lists: an area's local terms, and the words that carry hope.
Each checks that the user is an administrator, runs in one transaction and is audited (no person's data is
involved, so no person is named in the audit)."""

import re

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from alongside.core import audit
from alongside.core.forms import EditConflict, save_if_unchanged
from alongside.partners.models import Neighbourhood, Role

from . import checking, rules
from .models import LocalTerm, WordingChange


def _require_admin(request) -> None:
    if Role.ADMIN not in request.roles:
        raise PermissionDenied


# ----------------------------------------------------------------------------------------------- local terms


@transaction.atomic
def add_local_term(request, neighbourhood: Neighbourhood, abbreviation: str, words: str) -> LocalTerm:
    _require_admin(request)
    term = LocalTerm.objects.create(
        neighbourhood=neighbourhood, abbreviation=abbreviation, words=words, added_by=request.user
    )
    _audit_local(request, term, "added")
    return term


@transaction.atomic
def change_local_term(request, term: LocalTerm, abbreviation: str, words: str, version: int) -> LocalTerm:
    """Save the change, refusing it (EditConflict) if someone else saved the term since `version`."""
    _require_admin(request)
    term.abbreviation, term.words = abbreviation, words
    save_if_unchanged(term, version, ["abbreviation", "words"])
    _audit_local(request, term, "changed")
    return term


@transaction.atomic
def remove_local_term(request, term: LocalTerm, version: int) -> None:
    """Remove the term, refusing (EditConflict) if someone else changed it since `version`; nothing to remove if
    someone already has."""
    _require_admin(request)
    current = LocalTerm.objects.select_for_update().filter(pk=term.pk).first()
    if current is None:
        return
    if current.version != version:
        raise EditConflict(current)
    _audit_local(request, current, "removed")
    current.delete()


def _audit_local(request, term: LocalTerm, verb: str) -> None:
    audit.record(
        request,
        f"language_local_term_{verb}",
        object_type="local_term",
        object_id=term.pk,
        detail={"neighbourhood": term.neighbourhood_id, "abbreviation": term.abbreviation, "words": term.words},
    )


# ----------------------------------------------------------------------------------------------- words that carry hope


class TermChanged(EditConflict):
    """Someone changed the term since this page was opened. `current` is the term as it now stands."""


def changes_to(term_id: str) -> int:
    """How many changes the term has had: the version an administrator's page starts from."""
    return WordingChange.objects.filter(term_id=term_id).count()


def new_term_id(words: list[str]) -> str:
    """An id for an added term, from its first words, that no term has yet."""
    base = re.sub(r"[^a-z0-9]+", "-", words[0].casefold()).strip("-")[:40] or "term"
    taken = {rule.id for rule in checking.shipped_rules()} | set(
        WordingChange.objects.filter(term_id__startswith=base).values_list("term_id", flat=True)
    )
    candidate, number = f"{base}-added", 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-added-{number}"
    return candidate


@transaction.atomic
def change_wording(request, term_id: str, what: str, version: int, **fields) -> WordingChange:
    """Record an administrator's change to the list: add a term, reword one, switch one off or back on.

    `version` is how many changes the term had when the page was opened (0 for a new term): if anyone changed it
    since, the change is refused (TermChanged), so that no one's change is silently overwritten.
    """
    _require_admin(request)
    if what not in WordingChange.What.values:
        raise ValueError(what)
    with connection.cursor() as cursor:  # one change to a term at a time, in every process
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"language.term:{term_id}"])
    if changes_to(term_id) != version:
        raise TermChanged(rules.in_force().rule(term_id))
    change = WordingChange.objects.create(term_id=term_id, what=what, by=request.user, **fields)
    audit.record(
        request,
        "language_wording_changed",
        object_type="hopeful_term",
        object_id=term_id,
        detail={"what": what, **{k: v for k, v in fields.items() if k in ("suggestion", "why", "match")}},
    )
    transaction.on_commit(rules.forget)
    return change
