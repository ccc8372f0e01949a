"""Views read no data themselves: every view module (`views.py`, `*_views.py`) calls its app's query module
instead of using `.objects` or a queryset's methods. Parsed with `ast`, so nothing is imported or run."""

import ast
from pathlib import Path

import alongside

ROOT = Path(alongside.__file__).parent

# Method names that only a queryset (or a manager) answers in this code base.
QUERYSET_METHODS = {
    "filter",
    "exclude",
    "select_related",
    "prefetch_related",
    "values_list",
    "annotate",
    "aggregate",
    "order_by",
    "exists",
    "distinct",
    "only",
    "defer",
    "in_bulk",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "select_for_update",
}

# A view module that must still read data itself, with why. None does now (issue 11, item 8).
ALLOWED: dict[str, str] = {}


def view_modules() -> list[Path]:
    """Modules of views: named so, or declaring a view's access policy (`@access(`), outside the tests."""
    return sorted(
        p
        for p in ROOT.rglob("*.py")
        if "tests" not in p.parts
        and (p.name == "views.py" or p.name.endswith("_views.py") or "@access(" in p.read_text())
    )


def reads(path: Path) -> list[str]:
    """Each place the module reads the database itself: line and what it uses."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"{node.lineno}: .objects")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in QUERYSET_METHODS:
            found.append(f"{node.lineno}: .{node.func.attr}(")
    return found


def test_there_are_view_modules_to_check():
    names = {str(p.relative_to(ROOT)) for p in view_modules()}
    assert {"continuity/booking_views.py", "referrals/views.py", *ALLOWED} <= names


def test_the_allow_list_lists_only_modules_that_still_read():
    for name in ALLOWED:
        assert reads(ROOT / name), f"{name} reads no data now: take it off the allow-list"


def test_views_read_no_data_themselves():
    offending = {}
    for path in view_modules():
        name = str(path.relative_to(ROOT))
        if name not in ALLOWED and (found := reads(path)):
            offending[name] = found
    assert offending == {}, "views must call their app's query module: " + repr(offending)


def test_the_check_sees_a_query(tmp_path):
    view = tmp_path / "views.py"
    view.write_text("def page(request):\n    return Person.objects.filter(pk=1)\n\n\nx = people.order_by('pk')\n")
    assert sorted(reads(view)) == ["2: .filter(", "2: .objects", "5: .order_by("]
