"""The pulse definitions this installation has: the shipped ones and those imported into
`ALONGSIDE_INSTRUMENTS_DIR/climate` (`alongside climate import`), read once per process (ADR 29)."""

from functools import cache
from pathlib import Path

from django.conf import settings

from . import definitions
from .definitions import Definition


def imported_folder() -> Path:
    return Path(settings.INSTRUMENTS_DIR) / "climate"


@cache
def available() -> dict[str, Definition]:
    return definitions.available(imported_folder())


def default() -> Definition:
    return available()[definitions.DEFAULT]


def get(code: str | None) -> Definition:
    """The definition with this code; the shipped one when there is none (or its file has gone)."""
    return available().get(code or "", None) or default()
