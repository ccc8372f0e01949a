"""What the directory of community services contributes, from its three parts: keeping the listings
(contributions_listings.py), finding who can help (contributions_finding.py), and the Open Referral UK feed in and
out (contributions_standards.py), and referring a person to a service (contributions_referring.py)."""

from alongside.core.registry import combined

from .contributions_finding import FINDING
from .contributions_listings import LISTINGS
from .contributions_referring import REFERRING
from .contributions_reports import REPORTS
from .contributions_standards import STANDARDS

CONTRIBUTIONS = combined(LISTINGS, FINDING, STANDARDS, REFERRING, REPORTS)
