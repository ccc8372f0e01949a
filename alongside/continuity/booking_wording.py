"""How the booking pages put things into words: weeks, days, windows, priorities, and what was booked.

Plain functions of values already read; nothing here reads the database.
"""

from datetime import date, time, timedelta

from alongside.core import allocation as booking

from . import week as weeks
from .models import AppointmentRequest
from .priority import HIGH, MEDIUM

ALREADY_BOOKED = "These appointments were already booked: you may have pressed the button twice"
NOTHING_BOOKED = "Nothing was booked: nobody waiting has a free slot in their window this week"
SLOTS_ALREADY_ADDED = "These slots were already added: you may have pressed the button twice"
SLOTS_ADDED_BEFORE = "These slots were already added"
ALREADY_DONE = "This was already done: you may have pressed the button twice"
DONE_BEFORE = "This was already done"
ALREADY_CANCELLED = "This appointment was already cancelled"


def week_label(monday: date) -> str:
    """'16 to 22 November', or '30 November to 6 December'."""
    sunday = monday + timedelta(days=6)
    first = f"{monday.day}" if monday.month == sunday.month else f"{monday.day} {monday:%B}"
    return f"{first} to {sunday.day} {sunday:%B}"


def day_name(moment) -> str:
    return f"{moment:%a} {moment.day} {moment:%b}"


def window_text(earliest, latest) -> str:
    """'Mon 23 Nov to Fri 27 Nov' for whole days, else with the times."""
    start, end = weeks.local(earliest), weeks.local(latest)
    if start.time() == time.min and end.time() >= time(23, 59):
        return day_name(start) if start.date() == end.date() else f"{day_name(start)} to {day_name(end)}"
    return f"{booking.when(start)} to {booking.when(end)}"


def priority_text(score: int) -> str:
    level = "High" if score >= HIGH else "Medium" if score >= MEDIUM else "Low"
    return f"{level} ({score})"


def number(value) -> str:
    """A total of priorities without trailing zeros: 17, 2.5."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def free_slot_groups(current: weeks.Week) -> list[tuple[str, list[tuple[str, str]]]]:
    """The free slots by day, then by practitioner: [("Tue 24 Nov", [("Sam Patel", "09:00, 09:20")])]."""
    days: dict[date, dict[str, list[str]]] = {}
    for slot in current.slots:
        start = weeks.local(slot.start)
        days.setdefault(start.date(), {}).setdefault(current.names[slot.practitioner_id], []).append(f"{start:%H:%M}")
    return [
        (day_name(day), [(name, ", ".join(times)) for name, times in sorted(people.items())])
        for day, people in sorted(days.items())
    ]


def week_booked(served: int, with_named_worker: int) -> str:
    count = "1 appointment" if served == 1 else f"{served} appointments"
    return f"{count} booked, {with_named_worker} with their named worker"


def slots_added(count: int, name: str, day: date) -> str:
    slots = "1 slot" if count == 1 else f"{count} slots"
    return f"{slots} added for {name} on {day:%A %-d %B}"


def appointment_message(appointment: AppointmentRequest) -> str:
    if appointment.slot is None:
        return "Appointment request added to the week's plan. The team leader books it when they plan the week"
    slot = appointment.slot
    whose = ", their named worker," if appointment.with_named_worker else ""
    return f"Appointment booked with {slot.practitioner.display_name}{whose} on {weeks.when(slot.start)}"


def offered_time(start, name: str) -> str:
    return f"{weeks.when(start)} with {name}"


def cancelled(freed: bool) -> str:
    return f"Appointment cancelled.{' The time is free for someone else.' if freed else ''}"


def session_asked(name: str) -> str:
    return f"{name} has been asked to add a session. They get an alert, with a link to add one"
