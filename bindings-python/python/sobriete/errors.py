"""The exceptions of sobriete.

Every failure of the library is a subclass of :class:`Error`:

- :class:`ValidationError` (also a ``ValueError``): a document is invalid;
  ``.issues`` lists every problem found (code, JSON-pointer path, severity,
  message), ``.document`` names the document (``referential``,
  ``assessment``, ``plan``, ``request``, ``peers``, ``unknown``).
- :class:`ArgumentError` (also a ``ValueError``): an argument is outside its
  allowed values (a level of 3, a date that is not ``YYYY-MM-DD``, …);
  ``.argument`` is the argument's name (snake_case, as in every language).
- :class:`InternalError`: a bug in the library (a Rust panic, caught before it
  reaches Python). Please report it.

Files that cannot be read raise the usual ``OSError`` subclasses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._documents import Issue

__all__ = ["Error", "ValidationError", "ArgumentError", "InternalError", "Issue"]


class Error(Exception):
    """Base class of the library's errors."""

    #: Stable code: ``invalid_document``, ``invalid_argument`` or ``internal``.
    code: str = "internal"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        #: Which input: a document kind, ``argument``, or None (internal).
        self.document: str | None = None
        #: The invalid argument's name (``invalid_argument`` only).
        self.argument: str | None = None
        #: Every problem found in a document (empty for other errors).
        self.issues: list[Issue] = []


class ValidationError(Error, ValueError):
    """An invalid document, with every problem found."""

    code = "invalid_document"

    def __init__(self, message: str, document: str, issues: Sequence[Mapping[str, Any]]) -> None:
        super().__init__(message)
        #: Which document: referential, assessment, plan, request, peers, unknown.
        self.document = document
        #: Every problem (errors first, then warnings).
        self.issues = [Issue(i) for i in issues]

    @property
    def errors(self) -> list[Issue]:
        """The issues of severity ``error``."""
        return [i for i in self.issues if i.severity == "error"]

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "document", "argument", "message", "issues"}``, as in
        every language."""
        return {
            "code": self.code,
            "document": self.document,
            "argument": None,
            "message": self.message,
            "issues": [i.to_dict() for i in self.issues],
        }

    def __reduce__(self) -> Any:
        return (type(self), (self.message, self.document, [i.to_dict() for i in self.issues]))


class ArgumentError(Error, ValueError):
    """An argument outside its allowed values."""

    code = "invalid_argument"

    def __init__(self, message: str, argument: str, reason: str) -> None:
        super().__init__(message)
        self.document = "argument"
        self.argument = argument
        #: What is wrong with it.
        self.reason = reason

    @property
    def name(self) -> str:
        """The argument's name (older spelling of :attr:`argument`)."""
        return str(self.argument)

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "document", "argument", "message", "issues"}``, as in
        every language."""
        return {
            "code": self.code,
            "document": self.document,
            "argument": self.argument,
            "message": self.message,
            "issues": [],
        }

    def __reduce__(self) -> Any:
        return (type(self), (self.message, self.argument, self.reason))


class InternalError(Error):
    """A bug in the library (a Rust panic caught at the boundary)."""

    code = "internal"
