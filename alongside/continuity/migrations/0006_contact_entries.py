"""Every contact recorded before contacts reached the timeline gets its entry there, at the contact's time, so
that the timeline and the contact list are one history (issue 12)."""

from django.db import migrations

from alongside.continuity.contact_words import timeline_text


def contacts_onto_timelines(apps, schema_editor):
    Contact, Entry = apps.get_model("continuity", "Contact"), apps.get_model("people", "Entry")
    batch = []
    contacts = Contact.objects.select_related("practitioner").order_by("pk")
    for c in contacts.iterator(chunk_size=2000):
        colleague = c.practitioner_id != c.recorded_by_id
        worker = c.practitioner
        name = (f"{worker.first_name} {worker.last_name}".strip() or worker.username) if colleague else ""
        text = timeline_text(c.kind, c.minutes, c.note, name)
        batch.append(Entry(person_id=c.person_id, kind="contact", text=text, author_id=c.recorded_by_id, at=c.at))
        if len(batch) == 2000:
            Entry.objects.bulk_create(batch)
            batch = []
    Entry.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("continuity", "0005_dashboard_figures_visit_times_session_asks"),
        ("people", "0006_story_strengths"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContactEntry",
            fields=[],
            options={"proxy": True, "indexes": [], "constraints": []},
            bases=("people.entry",),
        ),
        migrations.RunPython(contacts_onto_timelines, migrations.RunPython.noop),
    ]
