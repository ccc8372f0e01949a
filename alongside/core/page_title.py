"""A page's title, kept to its h1 as the NHS service manual asks: so that a screen reader, a browser tab and the
history all name the page the way the page does.

The layout renders the page's content first and passes its h1 here with the title the page declared. The declared
title stands when it starts with the h1 (it may add context, such as whose record it is); otherwise the h1 is the
title. The h1's caption and visually hidden words are not part of it.
"""

import html
import re

H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
SET_APART = re.compile(
    r'<span\b[^>]*class="[^"]*(?:nhsuk-caption-[a-z]+|nhsuk-u-visually-hidden)[^"]*"[^>]*>.*?</span>', re.S | re.I
)
TAG = re.compile(r"<[^>]+>")


def heading_words(page_html: str) -> str:
    """The words of the page's first h1, without its caption or hidden words; "" when it has none."""
    found = H1.search(page_html)
    if not found:
        return ""
    words = TAG.sub("", SET_APART.sub("", found.group(1)))
    return " ".join(html.unescape(words).split())


def page_title(page_html: str, declared: str) -> str:
    declared = " ".join(html.unescape(TAG.sub("", declared)).split())
    heading = heading_words(page_html)
    if not heading or declared.startswith(heading):
        return declared
    return heading
