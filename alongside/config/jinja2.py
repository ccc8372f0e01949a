"""The Jinja2 environment: NHS.UK frontend macros, Django's static and url helpers, navigation by role."""

import datetime

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader, pass_context
from markupsafe import Markup, escape

from alongside.core.navigation import navigation_for
from alongside.core.page_title import page_title
from alongside.core.validators import tel_uri
from alongside.language import expanding, rules
from alongside.partners.models import ROLE_LABELS


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def plural(count: int, singular: str, many: str | None = None) -> str:
    """1 team, 2 teams; 1 person, 3 people (with `many` given)."""
    return f"{count:,} {singular if count == 1 else (many or singular + 's')}"


def tel(written: str | None) -> Markup:
    """A phone number as a link that a phone calls with one tap; the words as written, if it is not a number."""
    uri = tel_uri(written or "")
    if uri is None:
        return escape(written or "")
    return Markup('<a href="{}">{}</a>').format(uri, written)


def uk_time(value):
    """Datetimes are stored in UTC; people read them in UK time. Dates pass through unchanged."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@pass_context
def plain(context, text: str | None, area_id: int | None = None) -> str:
    """Staff's words for a reader who is not a clinician (a volunteer, the person, their family): each abbreviation
    written out, "chronic obstructive pulmonary disease (COPD)", with the local terms of the area the words are
    about (`area_id`, a neighbourhood: the person's), else of the reader's own area."""
    request = context.get("request")
    if area_id is not None:
        local = rules.local_terms_of_area(request, area_id)
    else:
        local = rules.local_terms_for(request) if request is not None else {}
    return expanding.expand(text or "", local)


def environment(**options) -> Environment:
    options["loader"] = ChoiceLoader([options["loader"], PackageLoader("nhsuk_frontend_jinja")])
    options["undefined"] = ChainableUndefined
    options.setdefault("autoescape", True)
    options.setdefault("trim_blocks", True)
    options.setdefault("lstrip_blocks", True)
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.do"]
    env = Environment(**options)  # noqa: S701 (autoescape is on)
    env.globals.update(
        static=static,
        url=url,
        navigation_for=navigation_for,
        page_title=page_title,
        role_label=lambda role: ROLE_LABELS.get(role, role),
    )
    env.filters["plural"] = plural
    env.filters["tel"] = tel
    env.filters["plain"] = plain
    env.filters["nhs_number"] = lambda n: f"{n[:3]} {n[3:6]} {n[6:]}" if n and len(n) == 10 else n
    env.filters["date_uk"] = lambda value: uk_time(value).strftime("%-d %B %Y") if value else ""
    env.filters["datetime_uk"] = lambda value: uk_time(value).strftime("%-d %B %Y, %H:%M") if value else ""
    return env
