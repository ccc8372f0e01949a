from allauth import urls as allauth_urls
from allauth.account.decorators import secure_admin_login
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib import admin
from django.urls import include, path, re_path

from alongside.core import account_pages, api_errors, operations, social_accounts
from alongside.core import views as core
from alongside.core.api import api

# Django's admin signs in through allauth too, so its second factor and rate limits apply there as well.
admin.site.login = secure_admin_login(admin.site.login)
# issue 19 part D: OIDC. An identity is linked on the user account page (with its audit), and the provider comes from
# the settings alone (core/social_accounts.py), so none of them are edited in Django's admin.
for model in (SocialAccount, SocialApp, SocialToken):
    admin.site.unregister(model)
# allauth's old addresses under accounts/social/ only redirect to pages under accounts/3rdparty/, which are not offered.
allauth_pages = [page for page in allauth_urls.urlpatterns if not str(page.pattern).startswith("social/")]

urlpatterns = [
    path("", core.home, name="home"),
    # allauth's pages that would send email are replaced (account_pages.py explains); the rest are allauth's own.
    path("accounts/password/reset/", account_pages.forgotten_password),
    path("accounts/password/reset/done/", account_pages.forgotten_password),
    path("accounts/email/", account_pages.not_offered),
    re_path(r"^accounts/confirm-email/", account_pages.not_offered),
    # issue 19 part D: OIDC. Only administrators link an identity (partners/identity_links.py): there is no page
    # to connect, disconnect or sign up with one yourself. The sign-in itself is under accounts/oidc/.
    re_path(r"^accounts/3rdparty/", account_pages.not_offered),
    path("accounts/oidc/", include(social_accounts.openid_connect_pages)),  # a provider that is down: a 503 page
    path("accounts/", include(allauth_pages)),
    path("second-factor/", core.second_factor_setup, name="second_factor_setup"),
    path("about/", core.about, name="about"),
    path("accessibility/", core.accessibility, name="accessibility"),
    path("health/", core.health, name="health"),
    # Issue 19 part B: operations. For load balancers and Prometheus (core/operations.py, ADR 48): no trailing slash,
    # as probes are usually written, and kept out of /api/v1/.
    path("healthz", operations.healthz, name="healthz"),
    path("readyz", operations.readyz, name="readyz"),
    path("metrics", operations.metrics, name="metrics"),
    path("", include("alongside.partners.urls")),
    path("people/", include("alongside.people.urls")),
    path("consent/", include("alongside.consent.urls")),
    path("break-glass/", include("alongside.breakglass.urls")),
    path("audit/", include("alongside.audit.urls")),
    path("referrals/", include("alongside.referrals.urls")),
    path("refer/", include("alongside.referrals.public_urls")),
    path("continuity/", include("alongside.continuity.urls")),
    path("volunteers/", include("alongside.volunteers.urls")),
    path("concerns/", include("alongside.concerns.urls")),
    path("peer-support/", include("alongside.peer_support.urls")),
    path("directory/", include("alongside.directory.urls")),
    path("plans/", include("alongside.plans.urls")),
    path("outcomes/", include("alongside.outcomes.urls")),
    path("reflection/", include("alongside.reflection.urls")),
    path("language/", include("alongside.language.urls")),
    path("mdt/", include("alongside.mdt.urls")),
    path("virtual-ward/", include("alongside.virtual_ward.urls")),
    path("standards/", include("alongside.standards.urls")),
    path("service-environment/", include("alongside.service_environment.urls")),
    path("climate/", include("alongside.climate.urls")),
    path("supervision/", include("alongside.supervision.urls")),
    path("training/", include("alongside.training.urls")),
    path("stories/", include("alongside.narratives.urls")),
    path("representation/", include("alongside.representation.urls")),
    path("api/hsds/", include("alongside.directory.urls_hsds")),
    path("api/v1/", api.urls),
    re_path(r"^api(/|$)", api_errors.nothing_here),  # every answer under /api/ is JSON, even for a version not there
    path("django-admin/", admin.site.urls),
]

# The NHS.UK-styled pages, except under /api/, where an error raised outside an operation answers JSON too.
handler400 = api_errors.api_bad_request(core.bad_request)
handler403 = api_errors.api_permission_denied(core.permission_denied)
handler404 = api_errors.api_not_found(core.page_not_found)
handler500 = api_errors.api_server_error(core.server_error)
handler429 = "alongside.core.views.too_many_requests"  # allauth's rate limits answer with this
