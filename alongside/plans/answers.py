"""What a plan says, as plain data: the answers a form gives, and whose words each part is in after a save.

No database here: `whose_words` decides, for each part, whose words it is now, from what the part said before,
what it says now and who is writing.
"""

from dataclasses import dataclass, field
from datetime import date

PERSON, PROXY, STAFF = "person", "proxy", "staff"
GOAL_SLOTS = 3  # goals asked for at once; a plan keeps the few that matter most


@dataclass(frozen=True)
class GoalAnswer:
    in_own_words: str
    small_steps: str = ""
    who_helps: str = ""
    by_when: str = ""
    words: str = ""  # whose words: PERSON, PROXY or STAFF; decided on saving

    def same_text(self, other: "GoalAnswer | None") -> bool:
        return other is not None and (
            self.in_own_words,
            self.small_steps,
            self.who_helps,
            self.by_when,
        ) == (other.in_own_words, other.small_steps, other.who_helps, other.by_when)


@dataclass(frozen=True)
class PlanAnswers:
    strengths: str = ""
    wants_from_services: str = ""
    goals: tuple[GoalAnswer, ...] = ()
    review_on: date | None = None
    agreed_on: date | None = None
    reason: str = ""
    strengths_words: str = ""
    wants_words: str = ""
    extra: dict = field(default_factory=dict)


def whose(before_text: str, before_words: str, now_text: str, writer_words: str) -> str:
    """Whose words a part is in after a save: unchanged words stay whose they were; changed ones are the writer's.
    An empty part is nobody's."""
    if not now_text.strip():
        return ""
    if before_text == now_text and before_words:
        return before_words
    return writer_words


def whose_words(before: PlanAnswers | None, now: PlanAnswers, writer_words: str) -> PlanAnswers:
    """The plan as it will be saved, each part saying whose words it is."""
    before = before or PlanAnswers()
    goals = []
    for position, goal in enumerate(now.goals):
        old = before.goals[position] if position < len(before.goals) else None
        kept = old.words if goal.same_text(old) and old is not None and old.words else writer_words
        goals.append(GoalAnswer(goal.in_own_words, goal.small_steps, goal.who_helps, goal.by_when, kept))
    return PlanAnswers(
        strengths=now.strengths,
        wants_from_services=now.wants_from_services,
        goals=tuple(goals),
        review_on=now.review_on,
        agreed_on=now.agreed_on,
        reason=now.reason,
        strengths_words=whose(before.strengths, before.strengths_words, now.strengths, writer_words),
        wants_words=whose(before.wants_from_services, before.wants_words, now.wants_from_services, writer_words),
    )
