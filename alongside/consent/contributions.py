"""What consent contributes: the person page's sharing choices, and the person's own link to them."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, NavigationItem, PersonSection
from alongside.partners.models import PERSON_ROLE

from . import sections

CONTRIBUTIONS = Contributions(
    person_sections=(
        PersonSection("sharing_choices", 50, "consent/sections/sharing_choices.jinja", sections.sharing_choices),
    ),
    navigation=(
        NavigationItem(
            "Sharing choices",
            81,
            lambda request: reverse("consent:choices", args=[request.user.person.pk]),
            lambda request: PERSON_ROLE in request.roles,
        ),
    ),
    authorisation=AuthorisationCoverage(endpoints=("consent:choices", "consent:new", "consent:withdraw")),
)
