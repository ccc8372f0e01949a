"""Each profile keeps the day its first required check or course runs out and the agreement signed last, so that
matching need not read every check (see volunteers/kept.py). Filled in here for the profiles already recorded."""

from collections import defaultdict

from django.db import migrations, models

from alongside.volunteers.standing import Held, held_until


def fill_in(apps, schema_editor):
    Volunteer = apps.get_model("volunteers", "Volunteer")
    Check = apps.get_model("volunteers", "Check")
    Training = apps.get_model("volunteers", "Training")
    Agreement = apps.get_model("volunteers", "Agreement")
    held = defaultdict(list)
    for volunteer_id, kind, expires_on in Check.objects.values_list("volunteer_id", "kind", "expires_on"):
        held[volunteer_id].append(Held(kind, expires_on))
    for volunteer_id, course, expires_on in Training.objects.values_list("volunteer_id", "course", "expires_on"):
        held[volunteer_id].append(Held(course, expires_on))
    signed = {}
    for volunteer_id, version in Agreement.objects.order_by("signed_on", "pk").values_list("volunteer_id", "version"):
        signed[volunteer_id] = version  # the last signed wins
    profiles = list(Volunteer.objects.only("pk"))
    for profile in profiles:
        profile.held_until = held_until(held[profile.pk])
        profile.agreement_version = signed.get(profile.pk, "")
    Volunteer.objects.bulk_update(profiles, ["held_until", "agreement_version"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="volunteer",
            name="agreement_version",
            field=models.CharField(
                blank=True, editable=False, help_text="The version of the agreement they signed last", max_length=20
            ),
        ),
        migrations.AddField(
            model_name="volunteer",
            name="held_until",
            field=models.DateField(
                blank=True,
                editable=False,
                help_text="The day the first required check or course runs out",
                null=True,
            ),
        ),
        migrations.RunPython(fill_in, migrations.RunPython.noop),
    ]
