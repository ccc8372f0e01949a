"""The episodes part's plain rules, with no database: how long is left to decide, which hour of the episode it is,
the lowest free bed, and what is wrong with what was typed (each answer a specific, kind message, or None).

The pages' forms and the API ask the same questions here, so they refuse the same things in the same words.
"""

from datetime import datetime, timedelta

MAX_EPISODE = timedelta(days=7)  # an episode may be extended, with a reason, to 7 days from admission at most
PLAN_MINUTES = (5, 240)
REASON_LONGEST = 2000

SOURCE_MISSING = "Choose where the referral comes from"
DIRECTION_MISSING = "Choose step-up or step-down"
REASON_MISSING = "Write why they need the virtual ward"
WARD_MISSING = "Choose which virtual ward"
DECISION_MISSING = "Choose whether the ward can take them on"
ACCEPT_REASON_MISSING = "Write why the ward can take them on"
DECLINE_REASON_MISSING = "Write why the ward cannot take them on, so that the person who referred them knows"
OUTCOME_MISSING = "Choose how the stay on the virtual ward ended"
WHY_HOSPITAL_MISSING = "Write why they went into hospital"
WHY_OTHER_MISSING = "Write what happened"
EXTEND_REASON_MISSING = "Write why they need longer on the virtual ward"
TOO_LONG = f"Write {REASON_LONGEST} characters or fewer"


def minutes_words(minutes: int) -> str:
    """'35 minutes', '1 hour', '2 hours 5 minutes'."""
    hours, rest = divmod(max(minutes, 0), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def time_left(due: datetime, now: datetime) -> tuple[str, bool]:
    """How long is left to decide ('35 minutes left'), or how late it is ('Overdue by 12 minutes'), and whether it
    is overdue. Whole minutes, rounded down."""
    seconds = (due - now).total_seconds()
    if seconds >= 0:
        return f"{minutes_words(int(seconds // 60))} left", False
    return f"Overdue by {minutes_words(int(-seconds // 60))}", True


def hour_of_episode(admitted_at: datetime, now: datetime) -> int:
    """Which hour of the episode it is: the first hour is hour 1."""
    return max(1, int((now - admitted_at).total_seconds() // 3600) + 1)


def episode_hours(admitted_at: datetime, due_end_at: datetime) -> int:
    """How many hours the episode is planned for (72 unless extended)."""
    return max(1, round((due_end_at - admitted_at).total_seconds() / 3600))


def percent_through(admitted_at: datetime, due_end_at: datetime, now: datetime) -> int:
    """How far through its planned hours the episode is, 0 to 100, for the progress bar."""
    whole = (due_end_at - admitted_at).total_seconds()
    if whole <= 0:
        return 100
    return max(0, min(100, int(100 * (now - admitted_at).total_seconds() / whole)))


def lowest_free_bed(capacity: int, taken: set[int]) -> int | None:
    """The lowest-numbered bed (1..capacity) nobody is in, or None: no bed is free."""
    if len(taken) >= capacity:
        return None
    return next((bed for bed in range(1, capacity + 1) if bed not in taken), None)


def free_beds(capacity: int, taken: set[int]) -> list[int]:
    if len(taken) >= capacity:
        return []
    return [bed for bed in range(1, capacity + 1) if bed not in taken]


def reason_problem(words: str, missing: str) -> str | None:
    if not words.strip():
        return missing
    if len(words) > REASON_LONGEST:
        return TOO_LONG
    return None


def outcome_reason_problem(outcome: str, words: str) -> str | None:
    """Why is required for an admission to hospital and for another outcome."""
    if outcome == "hospital":
        return reason_problem(words, WHY_HOSPITAL_MISSING)
    if outcome == "other":
        return reason_problem(words, WHY_OTHER_MISSING)
    return TOO_LONG if len(words) > REASON_LONGEST else None


def new_end_problem(admitted_at: datetime, due_end_at: datetime, new_end: datetime, now: datetime) -> str | None:
    """A new end must be later than the present end and than now, and no more than 7 days after admission."""
    if new_end <= due_end_at:
        return "The new end must be later than the present end"
    if new_end <= now:
        return "The new end must be in the future"
    if new_end > admitted_at + MAX_EPISODE:
        return f"The new end must be no more than {MAX_EPISODE.days} days after they were admitted"
    return None


def plan_time_problem(admitted_at: datetime, due_end_at: datetime, at: datetime) -> str | None:
    if at < admitted_at:
        return "The time must be after they were admitted"
    if at > due_end_at:
        return "The time must be before the end of their stay on the virtual ward"
    return None


def minutes_problem(minutes: int | None) -> str | None:
    low, high = PLAN_MINUTES
    if minutes is None:
        return "Enter how many minutes it takes"
    if not low <= minutes <= high:
        return f"Enter a number of minutes from {low} to {high}"
    return None
