"""Every model that holds a person's data has a non-null person id (issue 19; ADR 51, growing past one PostgreSQL
server with Citus, sharded by person).

The models are found through the app registry, so a capability added later is held to this without anyone listing
it here. A model is *about a person* when it has a foreign key to people.Person, or a non-null foreign key to a
model about a person (followed to a fixed point). Each model about a person must carry a non-null column
`person_id`, a foreign key to people.Person or a plain big integer of that name: that column is what Citus
distributes it by, so that all of one person's rows live on one shard. People.Person is the person: its own id is
the distribution column.

The few that are not held to it are declared below, each with its reason, and each is named in ADR 51:
- INTAKE: what a referrer tells us about someone not yet matched to a record;
- MIXED: rows about a person and rows about no one in one table, with a nullable, indexed person_id;
- COORDINATOR_ONLY: tables that stay on the coordinator on the day of the move, with why;
- NO_PERSON_RECORD: data about people that by design is never tied to a person's record; it must stay so;
- NOT_THE_RECORD: tables that look like a person's data and are not.

And because Citus refuses a foreign key from a table that is not distributed to one that is, no table about no one
points at a table about a person.
"""

# ruff: noqa: DJ008 - the throwaway models below, in a registry of their own, are never shown, so need no __str__

from collections.abc import Iterable
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

from alongside.people.models import Person

ADR = next((Path(__file__).resolve().parent.parent / "docs" / "adr").glob("0051-*.md"))

INTAKE = {
    "referrals.Referral": (
        "intake: the name, date of birth, NHS number and reason as the referrer gave them, about someone who may "
        "not be on the record yet; person is filled in when the referral is matched, and never before"
    ),
    "referrals.Transition": "intake: a referral's moves, which go with the referral (by its id) wherever it lives",
}

MIXED = {
    "core.AuditEvent": (
        "every read and write of a person names them; sign-ins and administration name no one. On the day of the "
        "move the account events go to a table of their own on the coordinator, and the rest is distributed"
    ),
    "core.Message": (
        "a message to a person (a link to their own questionnaire) names them; one to staff or a referrer names "
        "no one. The words never name anyone (ADR 11)"
    ),
}

# MIXED tables whose person_id has no index yet, with why: an entry here must still lack one (so it is removed
# when the index is added).
INDEX_DUE: dict[str, str] = {}

COORDINATOR_ONLY = {
    "core.IdempotentRequest": (
        "an idempotency key belongs to the caller (an API token's user), not to a person: the stored answer is "
        "replayed to that caller only, and on the day of the move the table stays on the coordinator"
    ),
    "core.Alert": (
        "a member of staff's alert, read by its recipient only and never joined with a person's rows. Some alerts "
        "name the person they are about (a copy of the name in the words, not a link); it stays on the coordinator"
    ),
}

NO_PERSON_RECORD = {
    "narratives.Story": "a story of lived experience is never tied to a person's record, by design (ADR 41)",
    "service_environment.PeopleAnswers": "answers that cannot be traced to the person who gave them, by design",
    "climate.PulseAnswer": "a team member's pulse answer cannot be traced to its author, by design (ADR 39)",
}

NOT_THE_RECORD = {
    "core.User": (
        "a login, also of someone supported (Person.user points at it): an account, shared by every shard as a "
        "reference table, not the record"
    ),
}

DECLARED = INTAKE | MIXED | COORDINATOR_ONLY | NO_PERSON_RECORD | NOT_THE_RECORD

# fields that carry who someone is: a model with one must be about a person, or declared
IDENTITY_FIELDS = {"nhs_number", "birth_date", "given_name", "family_name", "postcode", "address_line"}


def alongside_models() -> list[type[models.Model]]:
    """Every concrete table of Alongside's own apps, the many-to-many ones included."""
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("alongside.")
        for model in config.get_models(include_auto_created=True)
        if not model._meta.proxy and not model._meta.abstract
    ]


def about_a_person(found: Iterable[type[models.Model]]) -> dict[type[models.Model], str]:
    """The models about a person, each with its path to people.Person, to a fixed point."""
    candidates = list(found)
    paths: dict[type[models.Model], str] = {Person: "people.Person"}
    changed = True
    while changed:
        changed = False
        for model in candidates:
            if model in paths:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                if target is Person or (target in paths and not field.null):
                    paths[model] = f"{model._meta.label}.{field.name} → {paths[target]}"
                    changed = True
                    break
    return paths


def person_id_field(model: type[models.Model]) -> models.Field | None:
    """The column `person_id`, when it is the person's id: a foreign key to Person, or a big integer."""
    for field in model._meta.concrete_fields:
        if field.column == "person_id":
            points_at_person = field.is_relation and field.related_model is Person
            plain = isinstance(field, models.BigIntegerField) and not field.is_relation and field.name == "person_id"
            return field if points_at_person or plain else None
    return None


def indexed_by_person(model: type[models.Model], field: models.Field) -> bool:
    if field.db_index or field.unique:
        return True
    return any(index.fields and index.fields[0] == field.name for index in model._meta.indexes)


def problems(found: Iterable[type[models.Model]]) -> list[str]:
    """What breaks the rule, one line each, naming the model and why."""
    found = list(found)
    paths = about_a_person(found)
    wrong = []
    for model in found:
        label = model._meta.label
        if model is Person or label in INTAKE:
            continue
        field = person_id_field(model)
        if label in MIXED:
            if field is None:
                wrong.append(f"{label} is declared mixed but has no person_id column that is the person's id")
            elif (label in INDEX_DUE) == indexed_by_person(model, field):
                wrong.append(f"{label}: its person_id index is {'there' if label in INDEX_DUE else 'missing'}")
            continue
        if label in NO_PERSON_RECORD:
            if model in paths or any(f.column == "person_id" for f in model._meta.concrete_fields):
                wrong.append(f"{label} is never to be tied to a person's record, yet it is")
            continue
        if model in paths:
            if field is None or field.null:
                wrong.append(f"{label} holds a person's data ({paths[model]}) without a non-null person_id")
            continue
        identity = sorted(IDENTITY_FIELDS & {f.name for f in model._meta.concrete_fields})
        if identity and label not in DECLARED:
            wrong.append(f"{label} carries who someone is ({', '.join(identity)}) without a person_id")
        # Citus refuses a foreign key from a table that is not distributed to one that is
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model in paths:
                wrong.append(f"{label}.{f.name} points at {f.related_model._meta.label}, which is sharded by person")
    return wrong


@pytest.fixture(scope="module")
def adr_text() -> str:
    return ADR.read_text()


def test_every_model_that_holds_a_persons_data_has_a_non_null_person_id():
    assert problems(alongside_models()) == []


def test_every_declared_exception_is_a_real_model_and_is_named_in_adr_51(adr_text):
    labels = {model._meta.label for model in alongside_models()}
    assert sorted(set(DECLARED) - labels) == [], "declared, but no such model any more"
    assert sorted(label for label in DECLARED if f"`{label}`" not in adr_text) == [], f"not named in {ADR.name}"
    assert set(INDEX_DUE) <= set(MIXED)


def test_no_table_is_declared_twice():
    groups = (INTAKE, MIXED, COORDINATOR_ONLY, NO_PERSON_RECORD, NOT_THE_RECORD)
    assert sum(len(group) for group in groups) == len(DECLARED)


def test_the_models_fixed_in_issue_19_are_about_a_person_and_now_name_them():
    """The paths the rule follows, on the real models: a step of a concern through its concern, a goal through its
    plan's version; and the meeting-level attendance is not about anyone."""
    paths = about_a_person(alongside_models())
    labels = {model._meta.label: path for model, path in paths.items()}
    for label in ("concerns.ConcernEvent", "mdt.Action", "mdt.Invitation", "plans.Goal", "plans.DocumentPart",
                  "plans.DocumentContact", "referrals.Transition"):  # fmt: skip
        assert label in labels
    assert labels["referrals.Transition"].startswith("referrals.Transition.referral → referrals.Referral.person")
    assert "mdt.Attendance" not in labels
    assert apps.get_model("mdt", "Action")._meta.get_field("person").null is False


# --- the rule itself fails on a model that breaks it (throwaway models, in a registry of their own) -----------------


@isolate_apps("alongside.people")
def test_a_new_model_about_a_person_without_a_person_id_fails():
    class Visit(models.Model):
        person = models.ForeignKey(Person, null=True, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "people"

    class VisitNote(models.Model):  # about a person through its visit, with no person id of its own
        visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "people"

    class Mention(models.Model):  # a nullable link does not make it about a person, and may not point there
        visit = models.ForeignKey(Visit, null=True, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "people"

    found = problems([Visit, VisitNote, Mention])
    assert found == [
        "people.Visit holds a person's data (people.Visit.person → people.Person) without a non-null person_id",
        "people.VisitNote holds a person's data (people.VisitNote.visit → people.Visit.person → people.Person) "
        "without a non-null person_id",
        "people.Mention.visit points at people.Visit, which is sharded by person",
    ]


@isolate_apps("alongside.people")
def test_a_person_id_that_is_not_the_persons_id_does_not_count():
    class Other(models.Model):
        class Meta:
            app_label = "people"

    class Step(models.Model):
        parent = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
        person = models.ForeignKey(Other, on_delete=models.CASCADE, related_name="+")  # column person_id, not Person

        class Meta:
            app_label = "people"

    assert problems([Other, Step]) == [
        "people.Step holds a person's data (people.Step.parent → people.Person) without a non-null person_id"
    ]


@isolate_apps("alongside.people")
def test_a_model_with_a_non_null_person_id_passes_by_foreign_key_or_plain_integer():
    class Visit(models.Model):
        person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "people"

    class VisitNote(models.Model):
        visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="+")
        person_id = models.BigIntegerField()

        class Meta:
            app_label = "people"

    assert problems([Visit, VisitNote]) == []


@isolate_apps("alongside.people")
def test_a_table_about_no_one_may_not_point_at_one_about_a_person():
    """As mdt.Attendance did (an invitee's row pointed at their item) until issue 19."""

    class Round(models.Model):
        person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "people"

    class Presence(models.Model):
        round = models.ForeignKey(Round, null=True, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "people"

    assert problems([Round, Presence]) == ["people.Presence.round points at people.Round, which is sharded by person"]


@isolate_apps("alongside.people")
def test_who_someone_is_without_a_person_id_fails():
    class WaitingList(models.Model):
        given_name = models.CharField(max_length=100)
        nhs_number = models.CharField(max_length=10)

        class Meta:
            app_label = "people"

    assert problems([WaitingList]) == [
        "people.WaitingList carries who someone is (given_name, nhs_number) without a person_id"
    ]
