"""Whole numbers as people type them, or as they come in a link (?page=2, ?session=12). Plain Python: no Django.

`str.isdigit()` is true of characters `int()` refuses ("²", "①"), so `if s.isdigit(): int(s)` can fail with a
ValueError, a 500 on the page. `whole_number` is the one check for all of these: it never raises.
"""


def whole_number(text: str, *, low: int | None = None, high: int | None = None) -> int | None:
    """The whole number written in `text` with the digits 0 to 9 only (spaces around it are let be), or None when it
    is not one: a sign, a decimal point, a digit from another script, nothing at all, or (given `low` or `high`) a
    number below `low` or above `high`."""
    if not isinstance(text, str):
        return None
    digits = text.strip()
    if not (digits and digits.isascii() and digits.isdigit()):
        return None
    try:
        number = int(digits)
    except ValueError:  # more digits than Python will read (sys.get_int_max_str_digits)
        return None
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number
