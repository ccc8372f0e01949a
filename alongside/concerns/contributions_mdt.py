"""Concerns routed to the MDT: an agenda source for the practice's MDT meeting, whose answer goes back to the
volunteer through the loop (mdt_source.py, ADR 33)."""

from alongside.core.registry import AgendaSource, Contributions

from . import mdt_source

MDT = Contributions(
    agenda_sources=(
        AgendaSource("concern", "Worries from volunteers", mdt_source.suggest, answered=mdt_source.answered),
    ),
)
