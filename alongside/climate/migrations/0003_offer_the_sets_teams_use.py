"""Imported sets of questions became offered per organisation (0002), starting with none offered. A team already
answering an imported set kept it, but its leader could not choose it again after moving to another. Each imported
set a team uses (now, or until the month its new choice starts) is offered to that team's organisation."""

from django.db import migrations

from alongside.climate.definitions import shipped


def offer_the_sets_teams_use(apps, schema_editor):
    TeamQuestions = apps.get_model("climate", "TeamQuestions")
    OfferedQuestions = apps.get_model("climate", "OfferedQuestions")
    everyone = set(shipped())
    offers = {
        (chosen.team.organisation_id, code)
        for chosen in TeamQuestions.objects.select_related("team")
        for code in (chosen.definition, chosen.previous)
        if code and code not in everyone
    }
    OfferedQuestions.objects.bulk_create(
        [OfferedQuestions(organisation_id=organisation, definition=code) for organisation, code in sorted(offers)],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("climate", "0002_changes_after_review")]

    operations = [migrations.RunPython(offer_the_sets_teams_use, migrations.RunPython.noop)]
