"""The standards' step of building the demo borough: two quarters of ratings for every team that gives care or
support, with stakeholders' checks and challenges, most of them answered.

Last quarter every team shared its ratings and answered its challenges. This quarter some teams have shared theirs
(Riverside neighbourhood team among them, with one challenge still waiting for an answer) and the rest are part way
through rating. Nothing is written as people stream past: everything is written at the end, in a few bulk inserts.
The links' tokens are never known (only hashes are kept), except Riverside's demo link, `demo_token(seed)`, which the
guide names so that the stakeholder's page can be seen.
"""

import random
import secrets
from datetime import UTC, datetime, timedelta

from alongside.demo.steps import Building

from . import quarters, queries
from .models import Check, Colour, Cycle, Rating, StakeholderKind, StakeholderLink, Standard, StandardSet
from .sets import install

RIVERSIDE = "Riverside neighbourhood team"
LEFT_OUT = ("corporate_service",)  # governance and digital teams rate nothing
COLOURS = (Colour.GREEN, Colour.GREEN, Colour.AMBER, Colour.AMBER, Colour.AMBER, Colour.RED)
EVIDENCE = {
    Colour.GREEN: (
        "People told us so at the last listening event.",
        "Every new starter has done this, and we talk about it at team meetings.",
        "Our feedback cards say this most weeks.",
    ),
    Colour.AMBER: (
        "Some of us do this well, but not everyone yet.",
        "We do this for most people, but it slips when we are busy.",
        "Partners say it is better than last year, with gaps.",
    ),
    Colour.RED: (
        "We have not started on this yet.",
        "People told us this does not happen often enough.",
    ),
}
ACTIONS = (
    "Talk about it at the next team meeting and agree one change.",
    "Ask two people who use the service to help us plan this.",
    "Book the training for everyone who has not had it.",
    "Try a new way for three months, then look again.",
    "Invite our partners to the next team meeting.",
)
AGREE = ("", "", "", "That matches what I see.", "Yes, this feels right to me.")
CHALLENGE = (
    "I think this is lower. I waited a long time to hear back.",
    "From where I sit this is better than you say: give yourselves some credit.",
    "My son was not asked what he wanted. I would say red.",
    "We often do not hear back after a referral.",
)
ANSWER = (
    "Thank you. We have added this to our plan and will look at it again next quarter.",
    "Thank you for telling us. We are sorry. We have talked about it as a team and changed how we reply.",
    "Thank you. We will keep it as amber for now and check again with you next quarter.",
)


def demo_token(seed: int) -> str:
    """Riverside's demo stakeholder link this quarter: /standards/check/<this>/."""
    return f"demo-{seed}-riverside-check"


class StandardsStep:
    def __init__(self, building: Building):
        self.building = building

    def person(self, index, row, care) -> None:
        return None

    def finish(self) -> None:
        b = self.building
        rng = random.Random(f"{b.seed}-standards")  # noqa: S311 (synthetic data)
        standard_set = StandardSet.objects.filter(organisation=None).order_by("pk").first() or install(
            StandardSet, Standard
        )
        standards = list(Standard.objects.filter(standard_set=standard_set))
        leaders = {p.team: p.username for p in b.plan.personas if p.role == "team_leader"}
        anyone = {p.team: p.username for p in b.plan.personas}
        now_quarter = quarters.containing(b.today)
        teams = [t for t in b.plan.teams if t.kind not in LEFT_OUT and t.name in b.ids.teams]
        plans = []  # (team id, quarter, user id, shared, how many rated, links)
        for n, team in enumerate(sorted(teams, key=lambda t: t.name)):
            username = leaders.get(team.name) or anyone.get(team.name)
            if username not in b.ids.users:
                continue
            user = b.ids.users[username]
            plans.append(
                (b.ids.teams[team.name], now_quarter.previous(), user, True, len(standards), rng.randint(1, 3))
            )
            shared_now = team.name == RIVERSIDE or n % 2 == 0
            rated = len(standards) if shared_now else rng.randint(3, len(standards) - 1)
            plans.append((b.ids.teams[team.name], now_quarter, user, shared_now, rated, 2 if shared_now else 0))
        self.write(rng, standard_set, standards, plans, riverside=b.ids.teams.get(RIVERSIDE))

    def at(self, quarter, days: int) -> datetime:
        start = datetime(quarter.starts_on.year, quarter.starts_on.month, quarter.starts_on.day, 10, tzinfo=UTC)
        return min(start + timedelta(days=days), self.building.now - timedelta(hours=1))

    def write(self, rng, standard_set, standards, plans, riverside) -> None:
        cycles = Cycle.objects.bulk_create(
            Cycle(
                team_id=team_id,
                standard_set=standard_set,
                year=quarter.year,
                quarter=quarter.number,
                started_at=self.at(quarter, 10),
                shared_at=self.at(quarter, 30) if shared else None,
                shared_by_id=user if shared else None,
            )
            for team_id, quarter, user, shared, _, _ in plans
        )
        ratings = []
        for cycle, (_, quarter, user, _, rated, _) in zip(cycles, plans, strict=True):
            for standard in standards[:rated]:
                colour = rng.choice(COLOURS)
                ratings.append(
                    Rating(
                        cycle=cycle,
                        standard=standard,
                        colour=colour,
                        evidence=rng.choice(EVIDENCE[colour]),
                        action=rng.choice(ACTIONS),
                        rated_by_id=user,
                        rated_at=self.at(quarter, 12 + standard.number),
                    )
                )
        Rating.objects.bulk_create(ratings)
        by_cycle: dict[int, list[Rating]] = {}
        for rating in ratings:
            by_cycle.setdefault(rating.cycle.pk, []).append(rating)
        links, checks = [], []
        kinds = [k.value for k in StakeholderKind]
        for cycle, (team_id, quarter, user, _, _, how_many) in zip(cycles, plans, strict=True):
            current = quarter == quarters.containing(self.building.today)
            for n in range(how_many):
                # links of this quarter were made in the last few days, so that they still work
                made = self.building.now - timedelta(days=3 + n) if current else self.at(quarter, 31 + n)
                ours = current and team_id == riverside and n == 0
                token = demo_token(self.building.seed) if ours else secrets.token_urlsafe(32)
                link = StakeholderLink(
                    cycle=cycle,
                    token_hash=queries.hash_token(token),
                    kind=kinds[(n + team_id) % len(kinds)],
                    made_by_id=user,
                    made_at=made,
                    expires_at=made + timedelta(days=28),
                )
                links.append(link)
                if ours:
                    continue  # Riverside's demo link is left for whoever opens it
                for i, rating in enumerate(by_cycle.get(cycle.pk, [])):
                    agrees = rng.random() > 0.15
                    answered = not agrees and (not current or rng.random() < 0.5)
                    if current and team_id == riverside and i < 2:  # one challenge answered, one waiting
                        agrees, answered = False, i == 1
                    checks.append(
                        Check(
                            link=link,
                            rating=rating,
                            agrees=agrees,
                            comment=rng.choice(AGREE) if agrees else rng.choice(CHALLENGE),
                            made_at=made + timedelta(days=2),
                            answer=rng.choice(ANSWER) if answered else "",
                            answered_by_id=user if answered else None,
                            answered_at=made + timedelta(days=5) if answered else None,
                        )
                    )
        StakeholderLink.objects.bulk_create(links)
        for check in checks:
            check.link_id = check.link.pk
        Check.objects.bulk_create(checks)
