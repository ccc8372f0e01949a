"""Put django-allauth's Django-template pages inside the one NHS.UK layout, which is written in Jinja2.

Usage in a Django template:  {% nhs_page %}title…{% nhs_page_body %}body…{% end_nhs_page %}
"""

import html
import re

from django import template
from django.template.loader import render_to_string
from django.utils.html import strip_tags

register = template.Library()


class NhsPageNode(template.Node):
    child_nodelists = ("nodelist_title", "nodelist_body")

    def __init__(self, nodelist_title, nodelist_body):
        self.nodelist_title = nodelist_title
        self.nodelist_body = nodelist_body

    def render(self, context):
        body = self.nodelist_body.render(context)
        title = heading_of(body) or " ".join(self.nodelist_title.render(context).split())
        form = context.get("form")
        request = context.get("request")
        return render_to_string(
            "core/allauth_page.jinja",
            {"page_title": title, "body": body, "has_errors": bool(getattr(form, "errors", None))},
            request=request,
            using="jinja2",
        )


def heading_of(body: str) -> str:
    """The page's h1 in words: the page's title, as the NHS service manual asks, whatever allauth's own title says
    (its titles and headings often differ: "Sign In" over "Two-Factor Authentication")."""
    found = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
    return " ".join(html.unescape(strip_tags(found.group(1))).split()) if found else ""


@register.tag("nhs_page")
def nhs_page(parser, token):
    nodelist_title = parser.parse(("nhs_page_body",))
    parser.delete_first_token()
    nodelist_body = parser.parse(("end_nhs_page",))
    parser.delete_first_token()
    return NhsPageNode(nodelist_title, nodelist_body)
