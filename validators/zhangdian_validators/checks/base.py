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
    """A check of the values of one field; subclasses give ``Errors[0]`` and :meth:`inspect` (shared
    with the streaming engine, so both report the same)."""

    field_name: str
    masked: bool = False
    """The column is declared masked: masked values (``370303********1234``) are not checked."""

    metadata_profile_patch = {
        "required": ["fieldName"],
        "properties": {"fieldName": {"type": "string"}, "masked": {"type": "boolean"}},
    }

    @staticmethod
    def inspect(value: str) -> str | None:  # pragma: no cover - abstract
        raise NotImplementedError

    reads_raw_cells = False
    """Inspect the cell as written instead of the value frictionless parsed (None after a type-error)."""

    def validate_row(self, row):
        if self.field_name not in row.field_names:
            return
        field_number = row.field_names.index(self.field_name) + 1
        if self.reads_raw_cells:
            value = row.cells[field_number - 1] if field_number <= len(row.cells) else None
        else:
            value = row[self.field_name]
        if value in (None, "") or (self.masked and chinese.is_masked(str(value))):
            return
        note = self.inspect(str(value))
        if note:
            yield self.Errors[0](note=note, cells=masked_cells(row.cells), row_number=row.row_number,
                                 cell=chinese.mask(str(value)), field_name=self.field_name,
                                 field_number=field_number)


def cell_error(error_class: type[errors.CellError], *, note: str, cells: list[str], row_number: int,
               value: str, field_name: str, field_number: int) -> errors.CellError:
    return error_class(note=note, cells=masked_cells(cells), row_number=row_number,
                       cell=chinese.mask(value), field_name=field_name, field_number=field_number)
