"""Assertion helpers: the kept errors of one type and where they are."""

from __future__ import annotations


def errors_of(result, error_type: str) -> list:
    """The kept errors of one type, in report order."""
    return [error for error in result.errors if error.type == error_type]


def where(result, error_type: str) -> list[tuple]:
    """(row, column) of each kept error of one type; column is None for row errors."""
    return [(e.row_number, getattr(e, "field_number", None)) for e in errors_of(result, error_type)]
