"""Narratives' step of building the demo borough: stories in each neighbourhood team (beyond the team only
Riverside's, so no story shows twice at the partnership or on the public page), some waiting to have names taken
out, some ready to share, one withdrawn, and learning sessions. In Riverside the demo 'person' login told one (so it
is in their "Your stories") and the demo clinician wrote their own.
Nothing is written with each person: the stories name nobody, and are written in bulk at the end."""

import hashlib
from datetime import timedelta

from alongside.demo.borough import NEIGHBOURHOODS
from alongside.demo.steps import Building

from .models import Session, Story, Theme

THEMES = ("Being listened to", "Waiting", "Hope", "Family and friends", "Getting out and about", "Working together")

# (teller, level, stage, words, de-identified title, de-identified words, themes); stage: waiting, themes, ready
STORIES = (
    (
        "supported",
        "team",
        "ready",
        "When Priya first came round I did not want to talk. She did not rush me. She asked about my dog, Biscuit, "
        "and we went for a walk by the river instead of sitting in the kitchen. That was the first week I felt like "
        "a person again and not a list of problems.",
        "A walk instead of a form",
        "When my worker first came round I did not want to talk. She did not rush me. She asked about my dog, and "
        "we went for a walk instead of sitting in the kitchen. That was the first week I felt like a person again "
        "and not a list of problems.",
        ("Being listened to", "Hope"),
    ),
    (
        "carer",
        "partnership",
        "ready",
        "I look after my husband Tom. For months every call was a different person and I had to tell it all again. "
        "Then we got one named worker, Sam, and she rang me back when she said she would. It sounds small. It "
        "was not small to us.",
        "Not telling it all again",
        "I look after my husband. For months every call was a different person and I had to tell it all again. "
        "Then we got one named worker, and she rang me back when she said she would. It sounds small. It was not "
        "small to us.",
        ("Waiting", "Working together", "Family and friends"),
    ),
    (
        "staff",
        "public",
        "ready",
        "I nearly left last winter. What kept me was our Thursday huddle, where we talk about one visit that went "
        "well. Hearing that we make a difference gave me back the reason I came into this work.",
        "Why I stayed",
        "I nearly left last winter. What kept me was our weekly huddle, where we talk about one visit that went "
        "well. Hearing that we make a difference gave me back the reason I came into this work.",
        ("Hope", "Working together"),
    ),
    (
        "supported",
        "team",
        "waiting",
        "I waited eleven weeks after my referral and nobody told me what was happening. I rang the number on the "
        "letter, 01632 960 123, and it just rang out. When someone finally came she said sorry, and I believed her.",
        "",
        "",
        (),
    ),
    (
        "carer",
        "partnership",
        "themes",
        "My son Jamie goes to the walking group now. He comes home and tells me who he saw. Two years ago he did not "
        "leave his room.",
        "Who he saw at the group",
        "My son goes to the walking group now. He comes home and tells me who he saw. Two years ago he did not "
        "leave his room.",
        (),
    ),
)


class NarrativesStep:
    def __init__(self, building: Building):
        self.building = building

    def person(self, index, row, care):
        return None

    def finish(self) -> None:
        b = self.building
        users = b.ids.users
        leaders = {p.team: p.username for p in b.plan.personas if p.role == "team_leader"}
        clinicians: dict[str, list[str]] = {}
        for p in b.plan.personas:
            if p.role == "clinician":
                clinicians.setdefault(p.team, []).append(p.username)
        teams = [f"{n} neighbourhood team" for n in NEIGHBOURHOODS]
        teams = [t for t in teams if t in b.ids.teams and clinicians.get(t) and leaders.get(t) in users]
        theme_rows = [Theme(team_id=b.ids.teams[t], name=name) for t in teams for name in THEMES]
        Theme.objects.bulk_create(theme_rows)
        theme_id = {(row.team_id, row.name): row.pk for row in theme_rows}
        stories: list[tuple[Story, tuple[str, ...]]] = []
        for t_index, team in enumerate(teams):
            team_id = b.ids.teams[team]
            recorder = users["clinician"] if t_index == 0 and "clinician" in users else users[clinicians[team][0]]
            for s_index, (teller, level, stage, words, title, plain, themes) in enumerate(STORIES):
                if t_index > 0 and (s_index > 2 or level != "team"):
                    continue  # the other teams keep fewer, for the team only: no story shows twice beyond a team
                at = b.now - timedelta(days=70 - 9 * s_index - t_index)
                own = teller == "staff"
                teller_user = recorder if own else None
                if t_index == 0 and s_index == 0 and "person" in users:
                    teller_user = users["person"]  # the demo person told this one, and sees it in "Your stories"
                code = hashlib.sha256(f"{b.seed}-{team}-{s_index}".encode()).hexdigest()
                story = Story(
                    team_id=team_id,
                    teller=teller,
                    teller_user_id=teller_user,
                    recorded_by_id=recorder,
                    recorded_at=at,
                    words=words,
                    level=level,
                    agreed=True,
                    withdrawal_code_hash="" if teller_user else code,
                    title=title,
                    deidentified=plain,
                    deidentified_at=at + timedelta(days=3) if stage != "waiting" else None,
                    prepared_by_id=recorder if stage != "waiting" else None,
                )
                if stage == "ready" and level != "team":  # a second member of the team checked it safe to share
                    story.checked_by_id = users[leaders[team]]
                    story.checked_at = at + timedelta(days=4)
                stories.append((story, themes if stage == "ready" else ()))
            # one story withdrawn by its teller: a tombstone and nothing else
            stories.append(
                (
                    Story(
                        team_id=team_id,
                        teller="supported",
                        recorded_by_id=recorder,
                        recorded_at=b.now - timedelta(days=40),
                        level="team",
                        agreed=True,
                        withdrawn_at=b.now - timedelta(days=12),
                    ),
                    (),
                )
            )
        Story.objects.bulk_create([s for s, _ in stories])
        Story.themes.through.objects.bulk_create(
            Story.themes.through(story_id=s.pk, theme_id=theme_id[(s.team_id, name)])
            for s, names in stories
            for name in names
        )
        self._sessions(teams, leaders, users, stories)

    def _sessions(self, teams, leaders, users, stories) -> None:
        b = self.building
        ready = [s for s, names in stories if names]
        sessions = []
        links = []
        for t_index, team in enumerate(teams):
            team_id = b.ids.teams[team]
            own = [s for s in ready if s.team_id == team_id]
            for weeks, title in ((-4, "What helps at a first visit"), (2, "Stories of waiting, and of hope")):
                session = Session(
                    team_id=team_id,
                    title=title,
                    on=b.today + timedelta(weeks=weeks + t_index),
                    planned_by_id=users[leaders[team]],
                )
                sessions.append(session)
                links.append((session, own))
        first = teams[0] if teams else None
        if first:
            session = Session(
                team_id=b.ids.teams[first],
                audience="partnership",
                title="Partnership learning event: continuity",
                on=b.today + timedelta(weeks=5),
                planned_by_id=users[leaders[first]],
            )
            sessions.append(session)
            links.append((session, [s for s in ready if s.level in ("partnership", "public")]))
        Session.objects.bulk_create(sessions)
        Session.stories.through.objects.bulk_create(
            Session.stories.through(session_id=session.pk, story_id=s.pk) for session, chosen in links for s in chosen
        )
