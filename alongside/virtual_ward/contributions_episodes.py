"""What the virtual ward's episodes part adds to the platform: referral, decision, admission to a bed, the 72 hours
and the end of an episode; the person page's "Virtual ward" section; the episodes API."""

from alongside.core.registry import AuthorisationCoverage, Contributions, HomePanel, PersonSection

from . import panels_episodes, sections_episodes

PART = Contributions(
    # after the plan (42) and a referral to community services (45), before outcomes (46)
    person_sections=(
        PersonSection(
            "virtual_ward", 44, "virtual_ward/episodes/sections/virtual_ward.jinja", sections_episodes.virtual_ward
        ),
    ),
    home_panels=(
        # at the top of the home page of the person on the ward and their proxy
        HomePanel("ward_on_the_ward", 2, "virtual_ward/episodes/home/on_the_ward.jinja", panels_episodes.on_the_ward),
        HomePanel(
            "ward_my_referrals", 62, "virtual_ward/episodes/home/my_referrals.jinja", panels_episodes.my_referrals
        ),
    ),
    api_routers=("alongside.virtual_ward.api_episodes.router",),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "virtual_ward:referrals",
            "virtual_ward:refer",
            "virtual_ward:referral",
            "virtual_ward:admit",
            "virtual_ward:episode",
            "virtual_ward:plan_add",
            "virtual_ward:extend",
            "virtual_ward:end",
            "api:ward_episodes",
            "api:refer_to_ward",
        ),
        states=(
            "waiting for a decision",
            "accepted, waiting for a bed",
            "admitted",
            "ended 2 days ago",
            "ended 30 days ago",
            "care kept from the ward's organisation",
        ),
    ),
)
