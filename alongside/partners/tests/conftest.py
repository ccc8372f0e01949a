"""Fixtures shared by the partners tests."""

import pytest


@pytest.fixture
def admin(signed_in):
    """An administrator, signed in."""
    return signed_in("admin")
