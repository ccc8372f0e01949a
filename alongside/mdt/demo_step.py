"""MDT meetings' step of building the demo borough (after concerns and continuity, whose data the next agendas draw
on): an MDT for each GP practice, with core members from the demo's staff (a GP of the practice as chair: the `gp`
login chairs the first practice's; a clinician of the neighbourhood team as district nurse: the `clinician` login
in the first neighbourhood; a social worker; a coordinator of the volunteer hub), three past meetings with minutes
(items with notes, decisions and actions, some done and some overdue; the minutes on each person's timeline), and
the next meeting's agenda: planned, from the agenda sources (concerns routed to the MDT, continuity, flagged
referrals) and members' own additions. The `volunteer` login is invited to exactly one item: their own client, who
agreed.

People are noted as they stream past (a few per practice, and the volunteer login's clients); everything is
written at the end with bulk_create, a handful of inserts per table whatever the borough's size.
"""

import random
from datetime import timedelta

from alongside.core import registry
from alongside.demo.borough import NEIGHBOURHOODS, PRACTICE_NAMES, PersonCare, PersonRow, caseload_team
from alongside.demo.steps import Building
from alongside.people.models import Entry

from .models import Action, Attendance, CoreMember, Invitation, Item, Mdt, Meeting

KEPT = 40  # people noted per practice
PAST = 3  # past meetings, a fortnight apart
ITEMS_PAST = 4
NEXT_ITEMS = 8
HUB = "Living Well volunteer hub"
TIMELINE_KIND = "mdt_minutes"  # the meeting part's (actions_meeting.TIMELINE_KIND)

REASONS = (
    "Two falls at home this month; lives alone and is worried about going out",
    "Frequent calls to 111 at night; we want a shared plan so everyone answers the same way",
    "Carer is exhausted and asked for a break; how can we support them both?",
    "Home from hospital last week; several services visiting and nobody leading",
    "Lost weight since the spring and is eating less; wants to stay at home",
    "Lonely since her husband died; says she would like company more than anything",
)
NOTES = (
    "Talked through what matters to them: staying at home and seeing the grandchildren.",
    "District nurse visiting twice a week. Family help at weekends.",
    "Agreed to look at the whole picture rather than one problem at a time.",
    "Volunteer has noticed they go out less since the winter.",
)
DECISIONS = (
    "District nurse to lead, with a review at the next meeting",
    "Social worker to arrange a carer's assessment",
    "Offer the befriending service and the walking group",
    "GP to review their medicines; coordinator to check transport to clinic",
)
ACTIONS = (
    "Visit at home and check how they are managing the stairs",
    "Arrange a carer's assessment",
    "Refer to the befriending service, with their agreement",
    "Review their medicines with them",
    "Check transport to the Tuesday clinic",
)
WORRY_ACTION = "Visit and see how they are; tell the volunteer"
OUTCOMES = (
    "Visited; grab rails fitted and a falls alarm ordered.",
    "Carer's assessment booked for next week.",
    "Befriender starts on Thursday afternoons.",
)


class MdtStep:
    def __init__(self, building: Building):
        self.building = building
        self.rng = random.Random(f"{building.seed}-mdt")  # noqa: S311 (synthetic data)
        self.by_practice: dict[int, list[int]] = {}  # practice index -> person indexes
        self.volunteer_clients: list[tuple[int, int]] = []  # (practice index, person index) of the volunteer login

    def person(self, index: int, row: PersonRow, care: PersonCare) -> None:
        kept = self.by_practice.setdefault(row.practice_index, [])
        if len(kept) < KEPT:
            kept.append(index)
        if any(r.kind == "volunteer" and r.user == "volunteer" and r.ended_at is None for r in care.relationships):
            self.volunteer_clients.append((row.practice_index, index))
        return None

    def _members(self, practice: int) -> list[tuple[str, str]]:
        """(username, part) for the practice's MDT, the chair first."""
        plan = self.building.plan
        users = self.building.ids.users

        def of(team: str, role: str) -> list[str]:
            return [p.username for p in plan.personas if p.team == team and p.role == role and p.username in users]

        name = PRACTICE_NAMES[practice]
        neighbourhood = NEIGHBOURHOODS[practice // 2]
        gps = of(f"{name} clinical team", "gp")
        nurses = of(caseload_team(practice // 2), "clinician")
        social = of(f"{neighbourhood} adult social care", "social_worker")
        coordinators = of(HUB, "coordinator")
        chosen = [(gps[0], CoreMember.Part.GP_CHAIR)] if gps else []
        chosen += [(g, CoreMember.Part.GP) for g in gps[1:2]]
        if nurses:
            nurse = "clinician" if "clinician" in nurses else nurses[practice % len(nurses)]
            chosen.append((nurse, CoreMember.Part.DISTRICT_NURSE))
        if social:
            chosen.append((social[practice % len(social)], CoreMember.Part.SOCIAL_WORKER))
        if coordinators:
            chosen.append((coordinators[practice % len(coordinators)], CoreMember.Part.COORDINATOR))
        return chosen

    def finish(self) -> None:
        b = self.building
        practices = [i for i in range(len(PRACTICE_NAMES)) if i < len(b.ids.practices)]
        mdts = Mdt.objects.bulk_create(
            Mdt(
                name=f"{PRACTICE_NAMES[i]} MDT",
                practice_id=b.ids.practices[i],
                when="Every other Tuesday, 12:30",
                place=f"The meeting room at {PRACTICE_NAMES[i]}, or join by video (the link is in the invitation)",
            )
            for i in practices
        )
        members: dict[int, list[tuple[int, str]]] = {}
        core = []
        for i, mdt in zip(practices, mdts, strict=True):
            chosen = [(b.ids.users[u], part) for u, part in self._members(i)]
            members[i] = chosen
            core += [
                CoreMember(mdt=mdt, user_id=user, part=part, start=b.now - timedelta(days=365)) for user, part in chosen
            ]
        CoreMember.objects.bulk_create(core)
        first_tuesday = b.now.replace(hour=12, minute=30, second=0, microsecond=0)
        first_tuesday += timedelta(days=(1 - first_tuesday.weekday()) % 7 or 7)  # the next Tuesday
        meetings = []
        for i, mdt in zip(practices, mdts, strict=True):
            chair = members[i][0][0] if members[i] else None
            for n in range(PAST, 0, -1):
                meetings.append(
                    Meeting(
                        mdt=mdt,
                        starts_at=first_tuesday - timedelta(days=14 * n),
                        status=Meeting.Status.FINISHED,
                        finished_at=first_tuesday - timedelta(days=14 * n, minutes=-90),
                        finished_by_id=chair,
                    )
                )
            meetings.append(Meeting(mdt=mdt, starts_at=first_tuesday, status=Meeting.Status.PLANNED))
        meetings = Meeting.objects.bulk_create(meetings)
        by_practice_meetings = {i: meetings[k * (PAST + 1) : (k + 1) * (PAST + 1)] for k, i in enumerate(practices)}
        items, invitations, attendance, actions, entries = [], [], [], [], []
        volunteer = b.ids.users.get("volunteer")
        invite_for = self.volunteer_clients[0] if self.volunteer_clients and volunteer else None
        pending_actions: list[tuple[Item, Action]] = []
        for i in practices:
            people = [b.person_id(p) for p in self.by_practice.get(i, [])]
            if not members[i] or not people:
                continue
            chair = members[i][0][0]
            user_ids = [u for u, _ in members[i]]
            *past, upcoming = by_practice_meetings[i]
            suggested = [s for source in registry.agenda_sources() for s in source.suggest(b.ids.practices[i], None)]
            # the last meeting took one volunteer's concern routed to the MDT, raised before it (the `volunteer`
            # login's, where it is one of this practice's): its action, for the district nurse (the `clinician`
            # login in the first neighbourhood), is still open and due in a few days, so that completing it in the
            # demo tells the volunteer
            worry = _worry(suggested, past[-1].starts_at, volunteer)
            nurse = next((u for u, part in members[i] if part == CoreMember.Part.DISTRICT_NURSE), chair)
            for n, meeting in enumerate(past):
                recent = n == len(past) - 1
                chosen = self.rng.sample(people, min(ITEMS_PAST, len(people)))
                if recent and worry is not None:
                    chosen = [worry.person_id, *(p for p in chosen if p != worry.person_id)][:ITEMS_PAST]
                for pos, person_id in enumerate(chosen, start=1):
                    from_worry = recent and worry is not None and pos == 1
                    item = Item(
                        meeting=meeting,
                        person_id=person_id,
                        position=pos,
                        minutes=10,
                        reason=worry.reason if from_worry and worry else self.rng.choice(REASONS),
                        source=worry.ref if from_worry and worry else "member",
                        added_by_id=chair,
                        notes=self.rng.choice(NOTES),
                        decision=self.rng.choice(DECISIONS),
                        discussed=True,
                    )
                    items.append(item)
                    owner = nurse if from_worry else user_ids[(pos + n) % len(user_ids)]
                    due = (
                        (b.now + timedelta(days=3)).date()
                        if from_worry
                        else (meeting.starts_at + timedelta(days=10)).date()
                    )
                    done = not recent and pos % 2 == 0
                    action = Action(
                        what=WORRY_ACTION if from_worry else self.rng.choice(ACTIONS),
                        owner_id=owner,
                        due=due,
                        agreed_by_id=chair,
                        done_at=meeting.starts_at + timedelta(days=7) if done else None,
                        outcome=self.rng.choice(OUTCOMES) if done else "",
                    )
                    pending_actions.append((item, action))
                attendance += [
                    Attendance(meeting=meeting, user_id=u, present=(u == chair or self.rng.random() < 0.85))
                    for u in user_ids
                ]
            # the next meeting's agenda: the sources' suggestions first, then members' own additions
            suggested = [s for s in suggested if worry is None or s.ref != worry.ref]
            kinds: dict[str, int] = {}
            suggested = [
                s for s in suggested if kinds.setdefault(s.ref.split(":")[0], 0) < 3 and _counted(kinds, s.ref)
            ]
            chosen_people: list[int] = []
            plan: list[tuple[int, str, str]] = []  # person, reason, source
            if invite_for and invite_for[0] == i:
                person_id = b.person_id(invite_for[1])
                plan.append((person_id, "Their volunteer is worried they are struggling on their own", "member"))
                chosen_people.append(person_id)
            for s in suggested:
                if s.person_id not in chosen_people and len(plan) < NEXT_ITEMS:
                    plan.append((s.person_id, s.reason, s.ref))
                    chosen_people.append(s.person_id)
            for person_id in people:
                if len(plan) >= min(NEXT_ITEMS - 2 + i % 3, NEXT_ITEMS):
                    break
                if person_id not in chosen_people:
                    plan.append((person_id, self.rng.choice(REASONS), "member"))
                    chosen_people.append(person_id)
            for pos, (person_id, reason, source) in enumerate(plan, start=1):
                item = Item(
                    meeting=upcoming,
                    person_id=person_id,
                    position=pos,
                    minutes=10,
                    reason=reason[:2000],
                    source=source[:60],
                    added_by_id=chair,
                )
                items.append(item)
                if invite_for and invite_for[0] == i and pos == 1:
                    invitations.append(
                        Invitation(
                            item=item, person_id=person_id, user_id=volunteer, invited_by_id=chair, person_agreed=True
                        )
                    )
        Item.objects.bulk_create(items)
        for item, action in pending_actions:
            action.item, action.person_id = item, item.person_id
            actions.append(action)
        Action.objects.bulk_create(actions)
        Attendance.objects.bulk_create(attendance)
        Invitation.objects.bulk_create(invitations)
        names = dict(zip(b.ids.users.values(), b.ids.users.keys(), strict=True))
        shown = {u: b.names.get(name, name) for u, name in names.items()}
        by_item: dict[int, list[Action]] = {}
        for action in actions:
            by_item.setdefault(action.item.pk, []).append(action)
        for item in items:
            meeting = item.meeting
            if meeting.status != Meeting.Status.FINISHED:
                continue
            lines = [
                f"Discussed at {meeting.mdt.name} on {meeting.starts_at:%-d %B %Y}.",
                f"Why: {item.reason}",
                f"Notes: {item.notes}",
                f"Decision: {item.decision}",
            ]
            lines += [
                f"Action: {a.what} ({shown.get(a.owner_id, '')}, by {a.due:%-d %B %Y})"
                for a in by_item.get(item.pk, [])
            ]
            entries.append(
                Entry(
                    person_id=item.person_id,
                    kind=TIMELINE_KIND,
                    author_id=meeting.finished_by_id,
                    at=meeting.finished_at,
                    text="\n".join(lines),
                )
            )
        Entry.objects.bulk_create(entries, batch_size=2000)


def _worry(suggested: list[registry.AgendaSuggestion], meeting_at, volunteer: int | None):
    """The concern the last meeting took: one raised at least a day before it, the `volunteer` login's first."""
    raised_before = [s for s in suggested if s.ref.startswith("concern:") and s.since < meeting_at - timedelta(days=1)]
    raised_before.sort(key=lambda s: s.volunteer_id != volunteer or volunteer is None)
    return raised_before[0] if raised_before else None


def _kind(ref: str) -> str:
    return ref.split(":")[0]


def _counted(kinds: dict[str, int], ref: str) -> bool:
    kinds[_kind(ref)] += 1
    return True
