"""Does a reflective practice session's themes name someone the team supports? A simple, honest check.

Themes are shared with the whole team and kept, so they must not name people supported. The sign looked for is a
title before a name or an initial ("Mrs Patel", "mr P", "Dr. Okafor"). It can miss a name written without a
title; the page asks the writer to name no one. Plain Python, no Django.
"""

import re

TITLES = frozenset(
    "mr mrs ms miss mx dr doctor nurse sister father rev revd reverend sir dame lady lord auntie aunty uncle".split()
)
TITLED = re.compile(r"\b(?=([A-Za-z]+\.? [A-Z][\w'’-]*))")


def titled_names(text: str) -> list[str]:
    """Each title followed by a capitalised word or initial, as written: "Mrs Patel", "mr P"."""
    found = (m[1] for m in TITLED.finditer(text))
    return [words for words in found if words.split()[0].rstrip(".").lower() in TITLES]
