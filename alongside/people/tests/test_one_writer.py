"""One writer of person audit rows and one writer of relationships, checked over the source itself.

`people/access.py` alone hands a person to the core audit (`record`, `record_each`), always with a `policy.Basis`;
`people/actions.py` alone creates or ends a care relationship. Anything else doing either fails here, by name.
"""

import ast
from enum import StrEnum
from pathlib import Path

import pytest

from alongside.core import audit

SOURCE = Path(__file__).resolve().parents[2]
AUDIT_WRITER = SOURCE / "people" / "access.py"
RELATIONSHIP_WRITER = SOURCE / "people" / "actions.py"


def modules():
    for path in sorted(SOURCE.rglob("*.py")):
        if "tests" not in path.parts and "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(), filename=str(path))


def called(node: ast.Call) -> str:
    """`audit.record` for `audit.record(...)`, `objects.create` for `CareRelationship.objects.create(...)`."""
    func = node.func
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    return ".".join(reversed(parts))


def test_only_the_people_access_module_hands_a_person_to_the_core_audit():
    found = []
    for path, tree in modules():
        if path == AUDIT_WRITER or path == SOURCE / "core" / "audit.py":
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = called(node)
            person = any(k.arg == "person_id" for k in node.keywords)
            if name in {"audit.record_rows", "audit.record_many"} or (name == "audit.record" and person):
                found.append(f"{path.relative_to(SOURCE)}:{node.lineno} {name}")
    assert found == [], "Audit person data through alongside.people.access.record or record_each"


def test_only_people_actions_creates_or_ends_a_care_relationship():
    found = []
    for path, tree in modules():
        if path == RELATIONSHIP_WRITER:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = called(node)
                writes = name.startswith("CareRelationship.objects.") and name.rsplit(".", 1)[1] in {
                    "create",
                    "bulk_create",
                    "get_or_create",
                    "update_or_create",
                    "update",
                    "bulk_update",
                }
                # A queryset of relationships updated in place, as `current.update(ended_at=...)`.
                ends = name.endswith(".update") and any(k.arg in {"ended_at", "ended_reason"} for k in node.keywords)
                if writes or ends:
                    found.append(f"{path.relative_to(SOURCE)}:{node.lineno} {name}")
            if isinstance(node, ast.Assign):
                ends = any(
                    isinstance(t, ast.Attribute) and t.attr == "ended_at" for n in node.targets for t in ast.walk(n)
                )
                if ends and _about_relationships(path):
                    found.append(f"{path.relative_to(SOURCE)}:{node.lineno} .ended_at =")
    assert found == [], "Start and end care relationships through alongside.people.actions"


def _about_relationships(path: Path) -> bool:
    return "CareRelationship" in path.read_text()


class Reason(StrEnum):
    SOME_BASIS = "some basis"


def test_the_core_audit_refuses_a_basis_in_free_text(db):
    with pytest.raises(TypeError):
        audit.record(None, "something", object_type="thing", basis="because I said so")
    assert audit.record(None, "something", object_type="thing", basis=Reason.SOME_BASIS).basis == "some basis"


def test_the_person_audit_refuses_a_basis_from_outside_the_policy(db):
    from alongside.people.access import record

    with pytest.raises(TypeError):
        record(None, "something", None, Reason.SOME_BASIS)
