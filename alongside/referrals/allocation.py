"""Who should take a referral: a team by where the person lives or is registered, a named worker by who already
knows them (continuity first) and then by who has room on their caseload. Pure functions: no database.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class TeamOption:
    team_id: int
    name: str
    already_caring: bool = False  # the person is on this team's caseload now
    serves_address: bool = False  # the team's neighbourhood covers the person's postcode
    serves_practice: bool = False  # the team's neighbourhood is the person's GP practice's


@dataclass(frozen=True)
class TeamSuggestion:
    team_id: int
    name: str
    reasons: tuple[str, ...]


def suggest_teams(options: list[TeamOption]) -> list[TeamSuggestion]:
    """Teams in order of fit: already caring for the person, then covering their address, then their practice."""

    def reasons(o: TeamOption) -> tuple[str, ...]:
        found = []
        if o.already_caring:
            found.append("Already caring for them")
        if o.serves_address:
            found.append("Covers their address")
        if o.serves_practice:
            found.append("Covers their GP practice")
        return tuple(found)

    ordered = sorted(options, key=lambda o: (not o.already_caring, not o.serves_address, not o.serves_practice, o.name))
    return [TeamSuggestion(o.team_id, o.name, reasons(o)) for o in ordered]


@dataclass(frozen=True)
class Worker:
    user_id: int
    name: str
    caseload: int  # people they are named worker for now
    capacity: int
    knows: str = ""  # how they know the person already, in words ("" if they don't)


@dataclass(frozen=True)
class WorkerSuggestion:
    user_id: int
    name: str
    spare: int
    reasons: tuple[str, ...]


def suggest_workers(workers: list[Worker]) -> list[WorkerSuggestion]:
    """Continuity first: someone who knows the person comes before a stranger, even with a fuller caseload.
    Then those with room before those without, most room first, then by name."""

    def reasons(w: Worker) -> tuple[str, ...]:
        spare = w.capacity - w.caseload
        room = f"Room for {spare} more" if spare > 0 else "Caseload full"
        return (w.knows, room) if w.knows else (room,)

    ordered = sorted(workers, key=lambda w: (not w.knows, w.caseload >= w.capacity, w.caseload - w.capacity, w.name))
    return [WorkerSuggestion(w.user_id, w.name, w.capacity - w.caseload, reasons(w)) for w in ordered]
