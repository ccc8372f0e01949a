"""One waiting referral per person, across every ward (it was one per ward and person).

A database made before this could hold someone waiting at two wards. Before the new rule is added, the earliest
of their waiting referrals stays waiting and each later one is declined, with a reason a ward team can read, no
decider (nobody decided it) and an audit row each, so the rule can be added without losing anything.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Count
from django.utils import timezone

CLOSED_REASON = (
    "Closed by an update to Alongside: someone can now wait at only one virtual ward at a time, "
    "and their earlier referral to another ward was still waiting."
)


def decline_all_but_the_earliest_waiting(apps, schema_editor):
    Referral = apps.get_model("virtual_ward", "Referral")
    AuditEvent = apps.get_model("core", "AuditEvent")
    twice = Referral.objects.filter(decision="").values("person_id").annotate(n=Count("pk")).filter(n__gt=1)
    now = timezone.now()
    for person_id in twice.values_list("person_id", flat=True):
        waiting = list(
            Referral.objects.filter(decision="", person_id=person_id)
            .select_related("ward__team")
            .order_by("referred_at", "pk")
        )
        for later in waiting[1:]:
            later.decision, later.decision_reason, later.decided_at = "declined", CLOSED_REASON, now
            later.version += 1
            later.save(update_fields=["decision", "decision_reason", "decided_at", "version"])
            AuditEvent.objects.create(
                action="ward_referral_closed_by_update",
                person_id=person_id,
                organisation_id=later.ward.team.organisation_id,
                object_type="ward_referral",
                object_id=str(later.pk),
                detail={"kept_waiting": waiting[0].pk},
            )


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('people', '0006_story_strengths'),
        ('virtual_ward', '0002_ward_registered_population'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='referral',
            name='one_waiting_ward_referral_per_person',
        ),
        migrations.RunPython(decline_all_but_the_earliest_waiting, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='referral',
            constraint=models.UniqueConstraint(condition=models.Q(('decision', '')), fields=('person',), name='one_waiting_ward_referral_per_person'),
        ),
    ]
