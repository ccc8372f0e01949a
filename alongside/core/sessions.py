"""Django's database sessions, refusing a session key that no session of ours could have.

Django makes session keys of lower-case letters and digits. A cookie carrying anything else (a NUL character,
say, which PostgreSQL cannot even compare) is treated as no session at all, rather than looked up.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        return bool(key) and key.isascii() and key.isalnum() and super()._validate_session_key(key)
