"""What the person record contributes: the person page's own sections (the person's own words first: what
matters to them, their story and their strengths; then about them, the people around them, the timeline), the
proxy and own-record panels of the home page, "Find a person", and its API."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, HomePanel, NavigationItem, PersonSection
from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES

from . import handover, panels, sections
from .models import StoryVersion

# The states of a person relative to the user that change what the user may do: the authorisation matrix covers
# every endpoint of every app that touches a person in each of them.
PERSON_STATES = (
    "named worker",
    "own team caseload",
    "care team member",
    "other team caseload",
    "other organisation",
    "relationship ended",
    "consent withdrawn",
    "consent permits my organisation",
    "break-glass active",
    "break-glass expired",
    "volunteer allocated",
    "volunteer allocation ended",
    "volunteers denied by consent",
    "their own record",
    "proxy chosen by the person",
)

CONTRIBUTIONS = Contributions(
    person_sections=(
        # The person's own words first (what matters, their story, their strengths), then facts about them.
        PersonSection(
            "what_matters", 10, "people/sections/story_part.jinja", sections.story_part(StoryVersion.Part.WHAT_MATTERS)
        ),
        PersonSection(
            "my_story", 20, "people/sections/story_part.jinja", sections.story_part(StoryVersion.Part.MY_STORY)
        ),
        PersonSection(
            "strengths", 30, "people/sections/story_part.jinja", sections.story_part(StoryVersion.Part.STRENGTHS)
        ),
        PersonSection("about", 40, "people/sections/about.jinja", sections.about),
        PersonSection(
            "shared_with_volunteers",
            42,
            "people/sections/shared_with_volunteers.jinja",
            sections.shared_with_volunteers,
        ),
        PersonSection("people_around", 44, "people/sections/people_around.jinja", sections.people_around),
        PersonSection("timeline", 90, "people/sections/timeline.jinja", sections.timeline),
    ),
    home_panels=(
        HomePanel("acting_for", 30, "people/home/acting_for.jinja", panels.acting_for),
        HomePanel("own_named_worker", 80, "people/home/own_named_worker.jinja", panels.own_named_worker),
        HomePanel("own_requests", 84, "people/home/own_requests.jinja", panels.own_requests),
        HomePanel("own_record", 90, "people/home/own_record.jinja", panels.own_record),
    ),
    navigation=(
        NavigationItem(
            "Find a person",
            10,
            lambda request: reverse("people:search"),
            lambda request: bool(request.roles & (CARE_ROLES | {Role.VOLUNTEER})),
        ),
    ),
    api_routers=("alongside.people.api.router",),
    membership_ending=(handover.people_left,),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "people:search",
            "people:handover",
            "people:person",
            "people:edit_details",
            "people:edit_shared_with_volunteers",
            "people:story_history",
            "people:edit_story",
            "people:new_entry",
            "people:new_relationship",
            "people:new_supporter",
            "people:end_supporter",
            "people:end_relationship",
            "people:amend_entry",
            "people:new_own_note",
            "people:edit_communication",
            "people:ask_for_correction",
            "people:answer_correction",
            "api:get_person",
            "api:access_log",
        ),
        states=PERSON_STATES,
    ),
)
