"""The standards' step of building the demo borough: two quarters of ratings for every team that gives care or
support, with stakeholders' checks and challenges, most of them answered.

Last quarter every team shared its ratings and answered its challenges. This quarter some teams have shared theirs
(Riverside neighbourhood team among them, with two challenges from two kinds of stakeholder: one answered, one still
waiting for an answer) and the rest are part way through rating. Each team's checks come from a mix of kinds of
stakeholder (someone who uses the service, a carer, a partner service, a volunteer), each saying what fits its kind,
and no comment is said twice in a team's quarter. Nothing is written as people stream past: everything is written at
the end, in a few bulk inserts. The links' tokens are never known (only hashes are kept), except Riverside's demo
link, `demo_token(seed)`, which the guide names so that the stakeholder's page can be seen.
"""

import random
import secrets
from datetime import UTC, datetime, timedelta

from alongside.demo.steps import Building

from . import quarters, queries
from .models import Check, Colour, Cycle, Rating, StakeholderKind, StakeholderLink, Standard, StandardSet
from .sets import install

RIVERSIDE = "Riverside neighbourhood team"
LEFT_OUT = queries.GIVES_NO_CARE  # governance and digital teams rate nothing
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
# What each kind of stakeholder says, agreeing and challenging: a carer speaks of their family, a partner service of
# its referrals. A comment is never repeated within a team's quarter.
SAYS = {
    StakeholderKind.USES_SERVICE: (
        ("Yes, this is how it feels when they visit me.", "They listen to me, so I agree."),
        (
            "I waited a long time to hear back.",
            "Nobody asked me what matters to me before the plan was made.",
            "I had to tell my story again to each new person.",
            "I did not know who to call when things got worse.",
        ),
    ),
    StakeholderKind.CARER: (
        ("This is what I see when they visit my mum.", "They keep me in the loop, so yes."),
        (
            "My son was not asked what he wanted. I would say red.",
            "I was not told when the visits changed.",
            "Nobody asked how I am coping as his carer.",
            "I had to chase the team for news about my dad.",
        ),
    ),
    StakeholderKind.PARTNER: (
        ("That matches what we see from our side.", "Referrals to you go well, so this feels right."),
        (
            "We often do not hear back after a referral.",
            "From where we sit this is better than you say: give yourselves some credit.",
            "Our staff were not asked to the planning meeting.",
            "Letters reach us weeks after the visit.",
        ),
    ),
    StakeholderKind.VOLUNTEER: (
        ("Yes, the team makes time for us volunteers.", "This matches what I see when I help out."),
        (
            "Volunteers are not told when plans change.",
            "I would say amber: some staff still do not know what we do.",
            "We were not asked to help with this, but we could.",
            "It took weeks to hear back after I raised a worry.",
        ),
    ),
}
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
                (b.ids.teams[team.name], now_quarter.previous(), user, True, len(standards), rng.randint(2, 4))
            )
            shared_now = team.name == RIVERSIDE or n % 2 == 0
            rated = len(standards) if shared_now else rng.randint(3, len(standards) - 1)
            links_now = (4 if team.name == RIVERSIDE else 3) if shared_now else 0  # each of a different kind
            plans.append((b.ids.teams[team.name], now_quarter, user, shared_now, rated, links_now))
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
        said: dict[int, set[str]] = {}  # each cycle's comments so far
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
                    if current and team_id == riverside:  # two challenges from two kinds: one answered, one waiting
                        agrees = (n, i) not in ((1, 0), (2, 1))
                    comment = say(rng, link.kind, agrees, said.setdefault(cycle.pk, set()))
                    if comment is None:  # this kind has no challenge left unsaid this quarter: it agrees instead
                        agrees, comment = True, say(rng, link.kind, True, said[cycle.pk]) or ""
                    if agrees or not current:
                        answered = not agrees  # last quarter every challenge was answered
                    else:
                        answered = (n, i) == (1, 0) if team_id == riverside else rng.random() < 0.5
                    checks.append(
                        Check(
                            link=link,
                            rating=rating,
                            agrees=agrees,
                            comment=comment,
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


def say(rng: random.Random, kind: str, agrees: bool, said: set[str]) -> str | None:
    """A comment that fits the kind of stakeholder and has not been said yet this quarter (and remember it).
    Agreeing may say nothing; a challenge always says why, or is None when this kind has nothing left to say."""
    agree, challenge = SAYS[StakeholderKind(kind)]
    if agrees and rng.random() < 0.5:
        return ""
    left = [c for c in (agree if agrees else challenge) if c not in said]
    if not left:
        return "" if agrees else None
    comment = rng.choice(left)
    said.add(comment)
    return comment
