"""The reports part of the directory: what it adds to the platform. A home panel linking to the coordinators'
reports on community referrals, for community coordinators and team leaders (reports_queries says why), and the
endpoints the authorisation matrix covers."""

from alongside.core.registry import AuthorisationCoverage, Contributions, HomePanel

from . import reports_queries as queries

ENDPOINTS = ("directory:reports", "directory:reports_download")


def readers(request) -> dict | None:
    """The panel's link, for those who may see the reports. No query."""
    return {"shown": True} if queries.may_see_reports(request) else None


REPORTS = Contributions(
    home_panels=(HomePanel("directory_referral_reports", 65, "directory/reports/home/readers.jinja", readers),),
    authorisation=AuthorisationCoverage(
        endpoints=ENDPOINTS,
        states=("referral by the user's organisation", "referral by another organisation"),
    ),
)
