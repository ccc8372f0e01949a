"""The referrals' step of building the demo borough: the people they are about are picked as the borough streams
past (`demo.ReferralPicker`), and once everyone is in, the referrals drawn about them (`demo.generate_referrals`)
are written with their transitions, the alerts their staff referrers were given and the messages sent to the
public: one COPY per table, whatever the size of the borough."""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from psycopg.types.json import Jsonb

from alongside.core import notify
from alongside.core.models import Alert, Message
from alongside.demo.borough import PersonCare, PersonRow
from alongside.demo.steps import Building, copy_rows, reserve
from alongside.referrals import demo
from alongside.referrals.models import Referral, Transition
from alongside.referrals.outcome import Outcome, outcome_words, received_words, reference

REFERRAL_FIELDS = [
    "id",
    "status",
    "source",
    "urgency",
    "channel",
    "person",
    "matched_by",
    "nhs_number",
    "given_name",
    "family_name",
    "birth_date",
    "address_line",
    "postcode",
    "phone",
    "email",
    "reason",
    "situation",
    "person_agrees",
    "referrer_user",
    "referrer_name",
    "referrer_organisation",
    "referrer_relationship",
    "referrer_email",
    "referrer_phone",
    "share_named_worker",
    "neighbourhood",
    "team",
    "named_worker",
    "decision_reason",
    "redirected_to",
    "story_offer",
    "created_at",
    "received_at",
    "decided_at",
    "closed_at",
    "version",
]
TRANSITION_FIELDS = ["referral", "move", "from_status", "to_status", "by", "at", "reason"]
ALERT_FIELDS = ["recipient", "text", "url", "created_at", "read_at"]
MESSAGE_FIELDS = [
    "reference",
    "channel",
    "to",
    "template",
    "personalisation",
    "person_id",
    "state",
    "attempts",
    "provider_id",
    "error",
    "created_at",
    "sent_at",
]


class ReferralsStep:
    """One build's referrals: `person` shows the picker each person (nothing is written with them); `finish`
    draws the referrals about the people picked and writes them."""

    def __init__(self, building: Building):
        self.building = building
        self.picker = demo.ReferralPicker(building.seed, building.people, building.now, building.plan)

    def person(self, index: int, row: PersonRow, care: PersonCare) -> None:
        self.picker.see(index, row, care)

    def finish(self) -> None:
        load_referrals(demo.generate_referrals(self.picker, settings.TRIAGE_TARGET_HOURS), self.building)


def load_referrals(rows: list[demo.ReferralRow], building: Building) -> None:
    """The referrals, their transitions, and what their referrers were told: one COPY per table, whatever the size.

    Staff referrers were told each outcome inside the service (an alert, read if more than two days old); people
    who used the public form were thanked and then told each outcome by email or text, one message per referral
    and state (the reference the actions use, so that the demo's messages look like the service's own).
    """
    if not rows:
        return
    ids, names, now, first_person = building.ids, building.names, building.now, building.first_person
    user, team = ids.users.get, ids.teams.get
    nbhd = ids.neighbourhoods
    with connection.cursor() as cursor:
        first = reserve(cursor, Referral, len(rows))
        table, moves, alerts, messages = [], [], [], []
        for r in rows:
            pk = first + r.number
            person = first_person + r.person if r.person is not None else None
            table.append(
                (
                    pk,
                    r.status,
                    r.source,
                    r.urgency,
                    r.channel,
                    person,
                    r.matched_by,
                    r.nhs_number,
                    r.given_name,
                    r.family_name,
                    r.birth_date,
                    r.address_line,
                    r.postcode,
                    r.phone,
                    r.email,
                    r.reason,
                    r.situation,
                    r.person_agrees,
                    user(r.referrer_user),
                    r.referrer_name,
                    r.referrer_organisation,
                    r.referrer_relationship,
                    r.referrer_email,
                    r.referrer_phone,
                    r.share_named_worker,
                    nbhd[r.neighbourhood] if r.neighbourhood is not None else None,
                    team(r.team),
                    user(r.named_worker),
                    r.decision_reason,
                    r.redirected_to,
                    r.story_offer,
                    r.created_at,
                    r.received_at,
                    r.decided_at,
                    r.closed_at,
                    r.version,
                )
            )
            moves += [(pk, m.move, m.from_status, m.to_status, user(m.by), m.at, m.reason) for m in r.transitions]
            for told in r.told:
                outcome = Outcome(
                    status=told.status,
                    reference=reference(pk),
                    about_self=r.source == "self",
                    person_name=f"{r.given_name} {r.family_name}".strip(),
                    team=r.team or "",
                    named_worker=names.get(r.named_worker, "") if r.share_named_worker else "",
                    redirected_to=r.redirected_to,
                    reason=r.decision_reason,
                )
                if r.referrer_user is not None:
                    read = told.at + timedelta(hours=3) if told.at < now - timedelta(days=2) else None
                    words = outcome_words(outcome, inside=True)
                    alerts.append((user(r.referrer_user), words[:300], f"/referrals/{pk}/", told.at, read))
                    continue
                channel, to = ("email", r.referrer_email) if r.referrer_email else ("sms", r.referrer_phone)
                if told.status == "received":
                    words = received_words(reference(pk), settings.TRIAGE_TARGET_HOURS[r.urgency])
                else:
                    words = outcome_words(outcome)
                messages.append(
                    (
                        f"referral-{pk}-{told.status}",
                        channel,
                        to,
                        notify.template_id(channel),
                        Jsonb({"body": words}),
                        person,
                        Message.State.SENT,
                        1,
                        "console",
                        "",
                        told.at,
                        told.at + timedelta(seconds=20),
                    )
                )
        copy_rows(cursor, Referral, REFERRAL_FIELDS, table)
        copy_rows(cursor, Transition, TRANSITION_FIELDS, moves)
        copy_rows(cursor, Alert, ALERT_FIELDS, newest_unread(alerts))
        copy_rows(cursor, Message, MESSAGE_FIELDS, messages)


def newest_unread(alerts: list[tuple]) -> list[tuple]:
    """Alerts as (recipient, text, url, created_at, read_at), with each recipient's newest one unread, whatever the
    day the borough is built: a referrer who has not signed in since their last outcome has it waiting."""
    newest: dict[object, int] = {}
    for index, (recipient, _text, _url, created_at, _read) in enumerate(alerts):
        if recipient not in newest or created_at > alerts[newest[recipient]][3]:
            newest[recipient] = index
    unread = set(newest.values())
    return [(*alert[:4], None) if index in unread else alert for index, alert in enumerate(alerts)]
