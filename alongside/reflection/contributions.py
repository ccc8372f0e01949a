"""What reflection contributes: the moment of reflection offered after a contact is recorded, the "Reflections"
link for care staff, the team's anonymous patterns as a team panel, the demo borough's reflections, and what the
authorisation matrix must cover."""

from django.urls import reverse

from alongside.core.numbers import whole_number
from alongside.core.registry import AuthorisationCoverage, Contributions, DemoStep, NavigationItem, TeamPanel
from alongside.partners.roles import gives_care

from . import panels
from .demo_step import ReflectionStep


def offer(request, contact: str) -> str | None:
    """After a contact ("contact:12") is recorded: its moment of reflection, for the care staff who recorded it."""
    kind, _, typed = contact.partition(":")
    pk = whole_number(typed)
    if kind != "contact" or pk is None or not gives_care(request):
        return None
    return reverse("reflection:reflect", args=[pk])


CONTRIBUTIONS = Contributions(
    navigation=(NavigationItem("Reflections", 45, lambda request: reverse("reflection:mine"), gives_care),),
    after_contact=(offer,),
    # the team's anonymous patterns, on its page and on a reflective practice session's (supervision asks by name)
    team_panels=(TeamPanel("reflection patterns", 50, "reflection/_team_panel.jinja", panels.team_panel),),
    # after continuity (20), which writes the contacts and care relationships the demo's reflections follow
    demo_steps=(DemoStep("reflection", 64, ReflectionStep),),
    authorisation=AuthorisationCoverage(
        endpoints=("reflection:reflect", "reflection:mine", "reflection:team"),
        states=("took part", "recorded it", "someone else's contact", "own team", "other team"),
    ),
)
