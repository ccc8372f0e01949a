"""Every audit action recorded anywhere in alongside/ has words: the person reads "who looked at my record" in
plain words, never "Used your record" nor a code, so a new action without words fails here.

The action names are found in the source: the first string given to an audit call (people.access's record,
record_denied, record_each, record_access, record_list_access, open_record; core.audit's record and record_rows)
or to a function that passes its `what` or `action` on to one (such as referring_queries.open_for_referring), and
so on up through wrappers of wrappers."""

import ast
import re
from pathlib import Path

from alongside.audit import wording

ROOT = Path(__file__).resolve().parents[2]  # alongside/
AUDIT_CALLS = frozenset(
    {
        "record",
        "record_for_person",
        "record_denied",
        "record_each",
        "record_access",
        "record_list_access",
        "record_list",
        "record_rows",
        "open_record",
    }
)
PASSED_ON = frozenset({"what", "action"})
ACTION = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)+")


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _sources() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text()))
        for path in sorted(ROOT.rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
    ]


def _passes_on(fn: ast.FunctionDef | ast.AsyncFunctionDef, callers: set[str]) -> bool:
    params = {a.arg for a in [*fn.args.args, *fn.args.kwonlyargs]} & PASSED_ON
    return bool(params) and any(
        isinstance(call, ast.Call)
        and _name(call.func) in callers
        and any(isinstance(a, ast.Name) and a.id in params for a in [*call.args, *(k.value for k in call.keywords)])
        for call in ast.walk(fn)
    )


def recorded_actions() -> dict[str, str]:
    """Each action name recorded in the source, with where (the first place)."""
    trees = _sources()
    callers = set(AUDIT_CALLS)
    while True:  # the functions that pass their `what` on to an audit call, then those that wrap them
        functions = (n for _, tree in trees for n in ast.walk(tree))
        more = {
            fn.name
            for fn in functions
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
            and fn.name not in callers
            and _passes_on(fn, callers)
        }
        if not more:
            break
        callers |= more
    found: dict[str, str] = {}
    for path, tree in trees:
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or _name(call.func) not in callers:
                continue
            named = [k.value for k in call.keywords if k.arg in PASSED_ON]
            strings = [a for a in [*named, *call.args] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if strings and ACTION.fullmatch(strings[0].value):
                found.setdefault(strings[0].value, f"{path.relative_to(ROOT.parent)}:{call.lineno}")
    return found


def test_the_search_finds_actions_of_every_kind_of_call():
    found = recorded_actions()
    assert {
        "person_viewed",  # open_record
        "community_referral_sent",  # people.access.record
        "community_referral_send",  # through referring_queries.open_for_referring
        "concern_viewed",  # through raising_access.open_concern
        "concern_close",  # record_denied
        "referral_candidate_shown",  # record_each
        "signed_in",  # core.audit.record
    } <= set(found)
    assert len(found) > 100


def test_every_recorded_action_has_words():
    unworded = {
        action: where
        for action, where in recorded_actions().items()
        if action not in wording.WHAT and action not in wording.ABOUT_THE_SERVICE
    }
    assert not unworded, f"Add words for these actions to alongside/audit/wording.py: {unworded}"


def test_a_community_referral_and_a_concern_in_words_for_the_person():
    you = wording.words_for()
    assert wording.what("community_referral_sent", you) == "Referred you to a community service"
    assert wording.what("concern_raised", you) == "Passed on a worry about you"
    assert wording.what("community_referral_answered", you) == (
        "Answered the referral about you, for the community service it was sent to"
    )
