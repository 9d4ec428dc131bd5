"""The personal-information leak guard: unmasked ID, mobile or bank card numbers in any column.

Open data must not identify people (《个人信息保护法》). Any hit blocks publishing, unless the
column is declared ``masked`` in the schema and its values are masked (``370303********1234``).
"""

from __future__ import annotations

import attrs
from frictionless import Check, errors

from zhangdian_validators import chinese, messages
from zhangdian_validators.checks.base import cell_error


@attrs.define(kw_only=True, repr=False)
class PersonalInformationError(errors.CellError):
    type = "personal-information"
    title = "Personal information"
    description = "An unmasked resident ID, mobile or bank card number in data marked for opening."
    template = messages.TEMPLATES["personal-information"]


def inspect(value: str, masked_column: bool) -> str | None:
    """The kinds of personal identifiers found (Chinese), or None. Masked values in masked columns pass."""
    if len(value) < 11 or (masked_column and chinese.is_masked(value)):
        return None
    kinds = chinese.personal_information_kinds(value)
    return messages.PII_KIND_SEPARATOR.join(messages.PII_KINDS[k] for k in sorted(kinds)) if kinds else None


@attrs.define(kw_only=True, repr=False)
class personal_information(Check):
    """Scans every cell of every row (declared fields or not)."""

    type = "personal-information"
    Errors = [PersonalInformationError]

    masked_fields: list[str] = attrs.field(factory=list)

    metadata_profile_patch = {"properties": {"maskedFields": {"type": "array", "items": {"type": "string"}}}}

    def validate_row(self, row):
        cells = [str(c) if c is not None else "" for c in row.cells]
        for number, (name, value) in enumerate(zip(row.field_names, cells), start=1):
            note = inspect(value, name in self.masked_fields)
            if note:
                yield cell_error(PersonalInformationError, note=note, cells=cells,
                                 row_number=row.row_number, value=value, field_name=name,
                                 field_number=number)
