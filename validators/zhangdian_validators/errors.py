"""Exceptions for files that cannot be validated at all. Each carries a Chinese message and a hint."""

from __future__ import annotations


class ValidatorError(Exception):
    """Base class: ``message`` says what is wrong, ``hint`` what to do (both Chinese)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}{('（' + self.hint + '）') if self.hint else ''}"


class UnreadableFileError(ValidatorError):
    """The file is empty, not a table, in an unknown encoding, or corrupt."""


class SheetNotFoundError(UnreadableFileError):
    """The requested worksheet does not exist."""


class FileTooLargeError(UnreadableFileError):
    """The file (or a field, or an unpacked workbook) exceeds the configured limits."""


class SchemaError(ValidatorError):
    """The Table Schema given is not valid."""
