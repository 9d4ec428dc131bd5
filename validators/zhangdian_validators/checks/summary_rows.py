"""Rows that are not data: totals (合计/总计/小计/全区) and junk rows of zeros or placeholders."""

from __future__ import annotations

import re

import attrs
from frictionless import Check, errors

from zhangdian_validators import messages
from zhangdian_validators.checks.base import masked_cells

TOTALS = re.compile(r"^\s*(?:全\s*[区市县镇]|本\s*[年月期]|累\s*计)?\s*(?:合\s*计|总\s*计|小\s*计|总\s*数)\s*[:：]?\s*$"
                    r"|^\s*全\s*区\s*$")
ZEROS = frozenset({"0", "0.0", "0.00"})
JUNK_VALUES = ZEROS | {"-", "—", "/", ""}
_FIRST_CHARS = frozenset("合总小全本累 ") | frozenset(value[0] for value in JUNK_VALUES if value)


@attrs.define(kw_only=True, repr=False)
class TotalsRowError(errors.RowError):
    type = "totals-row"
    title = "Totals row"
    description = "A 合计/总计/小计 row inside the data."
    template = messages.TEMPLATES["totals-row"]


@attrs.define(kw_only=True, repr=False)
class JunkRowError(errors.RowError):
    type = "junk-row"
    title = "Junk row"
    description = "A row of zeros or placeholders."
    template = messages.TEMPLATES["junk-row"]


@attrs.define(kw_only=True, repr=False)
class TitleRowError(errors.RowError):
    type = "title-row"
    title = "Title row"
    description = "A title or note row above the header (found by the reader, not by this check)."
    template = messages.TEMPLATES["title-row"]


def inspect(cells: list[str]) -> tuple[type[errors.RowError], str] | None:
    """A totals row (its first filled cell says 合计, 总计, 小计, 全区合计 …) or a junk row (only zeros
    and placeholders such as ``-``/``—``/``/``, at least one zero)."""
    first = cells[0] if cells and cells[0] else next((c for c in cells if c), "")
    if not first or first[0] not in _FIRST_CHARS:
        return None
    if TOTALS.match(first):
        return TotalsRowError, first.strip()
    stripped = [c.strip() for c in cells]
    if ZEROS.intersection(stripped) and all(c in JUNK_VALUES for c in stripped):
        return JunkRowError, messages.JUNK_NOTE
    return None


@attrs.define(kw_only=True, repr=False)
class summary_rows(Check):
    type = "summary-rows"
    Errors = [TotalsRowError, JunkRowError]

    def validate_row(self, row):
        cells = [str(c) if c is not None else "" for c in row.cells]
        found = inspect(cells)
        if found:
            error_class, note = found
            yield error_class(note=note, cells=masked_cells(cells), row_number=row.row_number)
