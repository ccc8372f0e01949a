"""Whole numbers as people type them, or as they come in a link (?page=2, ?session=12). Plain Python: no Django.

People type numbers with the digits of their own keyboard: 0 to 9, but also Arabic-Indic (٢٠٢٥), Persian and Urdu
(۲۰۲۵), Devanagari (२०२५) or full-width (２０２５) digits. Each is the number it looks like, and is read as that
number. Only decimal digits are: `str.isdigit()` is also true of superscripts and circled digits ("²", "①"), which
are not written numbers (and `int()` refuses them, a ValueError, a 500 on the page). `whole_number` is the one
check for all of these: it never raises. Where a number is kept as text (an NHS number), `ascii_digits` writes it
with 0 to 9 first, so the database only ever holds those.
"""

import unicodedata

LONGEST = 1000  # digits: more than any number people type, and well under what int() will read (4300)


def ascii_digits(text: str) -> str:
    """`text` with every decimal digit, of whatever script, written as the digit 0 to 9 it is ("٩٩٩" -> "999");
    every other character (spaces, letters, "²") as it was."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def whole_number(text: str, *, low: int | None = None, high: int | None = None) -> int | None:
    """The whole number written in `text` with decimal digits, of any script, and nothing else (spaces around it are
    let be), or None when it is not one: a sign, a decimal point, a space inside, a superscript or other digit-like
    character that is not a decimal digit, nothing at all, more than a thousand digits, or (given `low` or `high`) a
    number below `low` or above `high`."""
    if not isinstance(text, str):
        return None
    digits = text.strip()
    if not (digits and len(digits) <= LONGEST and digits.isdecimal()):
        return None
    number = int(ascii_digits(digits))
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number
