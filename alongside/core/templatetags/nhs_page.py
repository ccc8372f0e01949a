"""Put django-allauth's Django-template pages inside the one NHS.UK layout, which is written in Jinja2.

Usage in a Django template:  {% nhs_page %}title…{% nhs_page_body %}body…{% end_nhs_page %}
"""

from django import template
from django.template.loader import render_to_string

register = template.Library()


class NhsPageNode(template.Node):
    child_nodelists = ("nodelist_title", "nodelist_body")

    def __init__(self, nodelist_title, nodelist_body):
        self.nodelist_title = nodelist_title
        self.nodelist_body = nodelist_body

    def render(self, context):
        body = self.nodelist_body.render(context)
        title = " ".join(self.nodelist_title.render(context).split())  # the layout keeps it to the page's h1
        form = context.get("form")
        request = context.get("request")
        return render_to_string(
            "core/allauth_page.jinja",
            {"declared_title": title, "body": body, "has_errors": bool(getattr(form, "errors", None))},
            request=request,
            using="jinja2",
        )


@register.tag("nhs_page")
def nhs_page(parser, token):
    nodelist_title = parser.parse(("nhs_page_body",))
    parser.delete_first_token()
    nodelist_body = parser.parse(("end_nhs_page",))
    parser.delete_first_token()
    return NhsPageNode(nodelist_title, nodelist_body)
