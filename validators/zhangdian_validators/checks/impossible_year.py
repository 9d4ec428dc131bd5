"""Dates whose year cannot be right (before 1900 or after next year), e.g. ``2181-02-06``."""

from __future__ import annotations

import attrs
from frictionless import errors

from zhangdian_validators import chinese, messages
from zhangdian_validators.checks.base import FieldValueCheck


@attrs.define(kw_only=True, repr=False)
class ImpossibleYearError(errors.CellError):
    type = "cn-impossible-year"
    title = "Impossible year"
    description = "A date with an implausible year."
    template = messages.TEMPLATES["cn-impossible-year"]


@attrs.define(kw_only=True, repr=False)
class impossible_year(FieldValueCheck):
    type = "cn-impossible-year"
    Errors = [ImpossibleYearError]

    @staticmethod
    def inspect(value: str) -> str | None:
        year = value[:4]
        if not year.isdigit() or chinese.is_plausible_year(int(year)):
            return None
        return messages.YEAR_NOTE.format(year=year)
