from .writing_helpers import words_checked  # noqa: F401
