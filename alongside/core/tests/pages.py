"""Reading pages in tests as a person would: the words, without the markup."""

import html
import re


def texts(response) -> str:
    """The page's text: tags become spaces, runs of space one space, entities their characters."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))
