"""Withdrawal codes for tellers without an account: shown once when their story is written down; only a SHA-256
hash is kept. Easy to read aloud and type (no 0/O or 1/I), with dashes and case that do not matter."""

import hashlib
import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GROUPS, GROUP = 4, 4  # 16 characters: 80 bits


def new_code() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP))
    return "-".join(chars[i : i + GROUP] for i in range(0, len(chars), GROUP))


def normalised(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def hashed(code: str) -> str:
    """The hash kept for a code, the same however it is typed (spaces, dashes, small letters)."""
    return hashlib.sha256(normalised(code).encode()).hexdigest()


def looks_right(code: str) -> bool:
    plain = normalised(code)
    return len(plain) == GROUPS * GROUP and all(c in ALPHABET for c in plain)
