"""A capability that exists only for tests: it proves that an app joins the platform by being listed in
INSTALLED_APPS, with no edit in core or the person record (tests/test_a_capability_plugs_in.py)."""
