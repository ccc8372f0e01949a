"""The access policy: every view declares who may use it, and anything undeclared is refused.

A view declares its policy with `@access(...)`. `AccessPolicyMiddleware` asks `policy_for(view)` before
each view runs; a view with no policy is answered 404, as if it did not exist (deny by default). The URL
walk test fails for any view without a policy. The person-record capability extends `Policy` with the
per-person decision ("may this user do this to this person's data, and on what basis?").
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import identity


@dataclass(frozen=True)
class Policy:
    name: str
    description: str
    public: bool = False
    roles: frozenset[str] | None = None  # None: any signed-in user with a second factor where one is needed

    def allows(self, request) -> bool:
        if self.public:
            return True
        if not request.user.is_authenticated:
            return False
        if self.roles is None:
            return True
        return bool(self.roles & request.roles)


PUBLIC = Policy("public", "Anyone, signed in or not: sign-in pages, error pages, health check.", public=True)
SIGNED_IN = Policy("signed in", "Any signed-in user; the page shows only what their roles allow.")


PERSON_RECORD = Policy(
    "person record",
    "Any signed-in user with a role; what they see of each person is decided by alongside.people.access "
    "(relationship, consent or break-glass), and anything refused answers 404 like a missing page.",
)


def roles(*names: str, name: str | None = None) -> Policy:
    unknown = set(names) - identity.known_roles()
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    return Policy(name or ", ".join(names), f"Users holding one of: {', '.join(names)}.", roles=frozenset(names))


def access(policy: Policy) -> Callable:
    """Declare the access policy of a view function."""

    def decorate(view):
        view.access_policy = policy
        return view

    return decorate


# Views that come from libraries, by URL namespace or by module. Each library enforces its own checks.
LIBRARY_NAMESPACES: dict[str, Policy] = {
    "admin": Policy(
        "django admin",
        "Django's admin site, for staff-flagged accounts only (the admin site checks is_staff itself).",
        public=True,
    ),
    "api": Policy(
        "json api", "The JSON API: each operation authenticates by bearer token or session itself.", public=True
    ),
}
LIBRARY_MODULES: dict[str, Policy] = {
    "allauth.": Policy(
        "authentication",
        "django-allauth's sign-in, second-factor and account pages; they check sign-in themselves.",
        public=True,
    ),
}


def policy_for(view: Callable, namespaces: Iterable[str] = ()) -> Policy | None:
    """The policy a view declared, or the policy of the library it comes from; None if neither."""
    for candidate in _unwrapped(view):
        policy = getattr(candidate, "access_policy", None)
        if policy is not None:
            return policy
    for namespace in namespaces:
        if namespace in LIBRARY_NAMESPACES:
            return LIBRARY_NAMESPACES[namespace]
    view_class = getattr(view, "view_class", None)
    module = (view_class or view).__module__ or ""
    for prefix, policy in LIBRARY_MODULES.items():
        if module.startswith(prefix):
            return policy
    return None


def _unwrapped(view: Callable) -> Iterable[Callable]:
    seen = 0
    while view is not None and seen < 10:
        yield view
        view_class = getattr(view, "view_class", None)
        if view_class is not None:
            yield view_class
        view = getattr(view, "__wrapped__", None)
        seen += 1
