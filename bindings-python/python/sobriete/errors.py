"""The exceptions of sobriete.

Every failure of the library is a subclass of :class:`Error`:

- :class:`ValidationError` (also a ``ValueError``): a document is invalid;
  ``.issues`` lists every problem found (code, JSON-pointer path, severity,
  message), ``.document`` names the document (``referential``,
  ``assessment``, ``plan``, ``request``, ``peers``, ``unknown``).
- :class:`ArgumentError` (also a ``ValueError``): an argument is outside its
  allowed values (a level of 3, a date that is not ``YYYY-MM-DD``, …);
  ``.name`` is the argument.
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


class ValidationError(Error, ValueError):
    """An invalid document, with every problem found."""

    code = "invalid_document"

    def __init__(self, message: str, document: str, issues: Sequence[Mapping[str, Any]]) -> None:
        super().__init__(message)
        #: Which document: referential, assessment, plan, request, peers, unknown.
        self.document = document
        #: Every problem (errors first, then warnings).
        self.issues: list[Issue] = [Issue(i) for i in issues]

    @property
    def errors(self) -> list[Issue]:
        """The issues of severity ``error``."""
        return [i for i in self.issues if i.severity == "error"]

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "document", "message", "issues"}``."""
        return {
            "code": self.code,
            "document": self.document,
            "message": self.message,
            "issues": [i.to_dict() for i in self.issues],
        }

    def __reduce__(self) -> Any:
        return (type(self), (self.message, self.document, [i.to_dict() for i in self.issues]))


class ArgumentError(Error, ValueError):
    """An argument outside its allowed values."""

    code = "invalid_argument"

    def __init__(self, message: str, name: str, reason: str) -> None:
        super().__init__(message)
        #: The argument's name.
        self.name = name
        #: What is wrong with it.
        self.reason = reason

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "name", "message"}``."""
        return {"code": self.code, "name": self.name, "message": self.message}

    def __reduce__(self) -> Any:
        return (type(self), (self.message, self.name, self.reason))


class InternalError(Error):
    """A bug in the library (a Rust panic caught at the boundary)."""

    code = "internal"
