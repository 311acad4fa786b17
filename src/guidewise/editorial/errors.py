"""Errors raised by the editorial service layer; each message says what went wrong and where."""

from __future__ import annotations


class EditorialError(ValueError):
    """Base class: a request the editorial rules refuse (the message is safe to show to the user)."""


class NotFound(EditorialError):
    """No such user, token, article or version."""


class PermissionDenied(EditorialError):
    """The acting user's role (or the two-person rule) does not allow this action."""


class InvalidTransition(EditorialError):
    """The article's status does not allow this transition."""


class Conflict(EditorialError):
    """The object changed or already exists (for example a username that is taken)."""


class ValidationFailed(EditorialError):
    """Bad input: the message names the field."""
