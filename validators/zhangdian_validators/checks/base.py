"""What the portal's frictionless checks share: masking rows before they enter a report."""

from __future__ import annotations

from typing import Iterable

import attrs
from frictionless import Check, errors

from zhangdian_validators import chinese


def masked_cells(cells: Iterable) -> list[str]:
    """Row cells as text with personal identifiers masked — reports never echo them."""
    return [chinese.mask(str(c)) if c is not None else "" for c in cells]


@attrs.define(kw_only=True, repr=False)
class FieldValueCheck(Check):
    """A check of the values of one field; subclasses give ``Errors[0]`` and :meth:`inspect`."""

    field_name: str

    @staticmethod
    def inspect(value: str) -> str | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def validate_row(self, row):
        value = row[self.field_name]
        if value in (None, ""):
            return
        note = self.inspect(str(value))
        if note:
            field_number = row.field_names.index(self.field_name) + 1
            yield self.Errors[0](note=note, cells=masked_cells(row.cells), row_number=row.row_number,
                                 cell=chinese.mask(str(value)), field_name=self.field_name,
                                 field_number=field_number)


def cell_error(error_class: type[errors.CellError], *, note: str, cells: list[str], row_number: int,
               value: str, field_name: str, field_number: int) -> errors.CellError:
    return error_class(note=note, cells=masked_cells(cells), row_number=row_number,
                       cell=chinese.mask(value), field_name=field_name, field_number=field_number)
