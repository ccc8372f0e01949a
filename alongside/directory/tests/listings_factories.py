"""Keepers, organisations and services for the listings part's tests."""

from datetime import time
from decimal import Decimal

from django.test import RequestFactory

from alongside.partners.models import Role, Team
from alongside.partners.tests.factories import MembershipFactory, TeamFactory

from ..listings_queries import Opening, Place, ServiceDetails
from ..models import Organisation, TaxonomyTerm


def hub(name="Living Well hub"):
    return TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, name=name)


def keeper(role=Role.COORDINATOR, **user):
    """A coordinator of a volunteer hub (or, with role=directory_editor, an editor in any team)."""
    team = hub() if role == Role.COORDINATOR else TeamFactory()
    return MembershipFactory(role=role, team=team, **{f"user__{k}": v for k, v in user.items()}).user


def request_as(user):
    """A request from `user`, with their memberships, as the middleware sets them."""
    request = RequestFactory().post("/")
    request.user = user
    request.memberships = list(user.memberships.select_related("team")) if user else []
    return request


def organisation(name="Northvale Community Larder", **values):
    return Organisation.objects.create(name=name, description=values.pop("description", "Food and company"), **values)


def term(name="Food"):
    return TaxonomyTerm.objects.create(name=name, description=f"Help with {name.lower()}")


def details(**changes) -> ServiceDetails:
    values = {
        "name": "Friday food bank",
        "description": "A bag of food to take home",
        "places": (Place("Larder hall", "1 Mill Lane", "Northvale", "NV3 2AB", "Bus 12 to Mill Lane"),),
        "opening": (Opening("FR", time(10), time(13)),),
        "areas": ("Northvale",),
        "minimum_age": 16,
        "languages": ("English", "Polish"),
        "contact_name": "Pat Larder",
        "phones": ("01632 960 555",),
        "referral_email": "referrals@larder.example",
        "free": False,
        "cost_amount": Decimal("2.50"),
        "cost_words": "£2.50 a bag",
    }
    return ServiceDetails(**(values | changes))
